// The county's place tree for generated data: the demo tree of db/seed/places.ts (Zhuozhou's
// real townships and the villages and compounds named in the source report), filled out with
// generated villages under each town and communities with compounds under each subdistrict,
// so that a quarter of a million households spread over a few hundred places as they would.
import type { Rng } from '../../lib/pii';
import type { PlaceLevel } from '../../lib/domain';
import { PLACE_TREE, type SeedPlace } from '../seed/places';

export interface GenPlace {
  id: number;
  parentId: number | null;
  level: PlaceLevel;
  name: string;
  nameEn: string;
  code: string | null;
  path: string;
  /** Who lives here: flats (urban) or houses (rural); undefined above the village level. */
  kind?: 'urban' | 'rural';
  /** The township (town or subdistrict) this place is in; its own id for a township. */
  townshipId: number | null;
}

const LEVELS: PlaceLevel[] = ['county', 'township', 'village', 'compound'];

// Village names of the North China plain: a family or landmark, then 庄/屯/营/店/村 ….
const VILLAGE_HEADS = Array.from('东西南北前后大小上中下新老高王李张刘马杨赵孙胡郭何邢韩冯石白贾');
const VILLAGE_MIDS = Array.from('家庄屯营店集堡桥河林园台坊');
const VILLAGE_TAILS = ['村', '庄村', '屯村', '营村', '店村'];
const PINYIN: Record<string, string> = Object.fromEntries(
  Array.from('东西南北前后大小上中下新老高王李张刘马杨赵孙胡郭何邢韩冯石白贾家庄屯营店集堡桥河林园台坊村').map((c, i) => [
    c,
    'dong xi nan bei qian hou da xiao shang zhong xia xin lao gao wang li zhang liu ma yang zhao sun hu guo he xing han feng shi bai jia jia zhuang tun ying dian ji bu qiao he lin yuan tai fang cun'.split(' ')[i]!,
  ]),
);
const COMMUNITY_HEADS = ['华阳', '冠云', '鼓楼', '范阳', '清凉寺', '永安', '育才', '开发区', '百尺竿', '平安', '丽景', '锦绣', '阳光', '御园', '东兴', '西关', '南关', '北关', '朝阳', '长安', '金街', '双塔', '拒马河', '桃园', '新华', '繁荣', '幸福', '和平'];
const COMPOUND_TAILS = ['小区', '花园', '家园', '嘉园', '新城', '公寓'];

function pinyinOf(name: string): string {
  const s = Array.from(name)
    .map((c) => PINYIN[c] ?? '')
    .join('');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface PlaceTreeOptions {
  /** Villages per town (the report's own villages included). */
  villagesPerTown: number;
  /** Communities per subdistrict, each with compoundsPerCommunity compounds. */
  communitiesPerStreet: number;
  compoundsPerCommunity: number;
}

export function buildPlaceTree(rng: Rng, opts: PlaceTreeOptions): GenPlace[] {
  const out: GenPlace[] = [];
  let nextId = 1;
  const add = (node: { name: string; nameEn: string; code?: string | null; kind?: 'urban' | 'rural' }, depth: number, parent: GenPlace | null): GenPlace => {
    const id = nextId++;
    const p: GenPlace = {
      id,
      parentId: parent?.id ?? null,
      level: LEVELS[depth]!,
      name: node.name,
      nameEn: node.nameEn,
      code: node.code ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      kind: node.kind,
      townshipId: depth === 1 ? id : depth > 1 ? parent!.townshipId : null,
    };
    out.push(p);
    return p;
  };
  const walk = (node: SeedPlace, depth: number, parent: GenPlace | null) => {
    const me = add(node, depth, parent);
    for (const c of node.children ?? []) walk(c, depth + 1, me);
    if (depth === 1) fillTownship(node, me);
  };
  const fillTownship = (node: SeedPlace, township: GenPlace) => {
    const taken = new Set((node.children ?? []).map((c) => c.name));
    const isStreet = node.name.endsWith('街道');
    if (!isStreet) {
      let n = (node.children ?? []).length;
      while (n < opts.villagesPerTown) {
        const head = rng.pick(VILLAGE_HEADS);
        const mid = rng.pick(VILLAGE_MIDS);
        const tail = rng.pick(VILLAGE_TAILS);
        const name = head + mid + tail;
        if (taken.has(name)) continue;
        taken.add(name);
        add({ name, nameEn: `${pinyinOf(head + mid + tail.slice(0, -1))} Village`, kind: 'rural' }, 2, township);
        n++;
      }
      return;
    }
    // Real communities keep their compounds and get a few more; new ones get a full set.
    for (const c of out.filter((p) => p.parentId === township.id)) addCompounds(c, out.filter((p) => p.parentId === c.id).length);
    let n = (node.children ?? []).length;
    let k = 0;
    while (n < opts.communitiesPerStreet) {
      const head = COMMUNITY_HEADS[k++ % COMMUNITY_HEADS.length]!;
      const name = k > COMMUNITY_HEADS.length ? `${head}${Math.ceil(k / COMMUNITY_HEADS.length)}区社区` : `${head}社区`;
      if (taken.has(name)) continue;
      taken.add(name);
      const community = add({ name, nameEn: `${head} Community`, kind: 'urban' }, 2, township);
      addCompounds(community, 0);
      n++;
    }
  };
  const addCompounds = (community: GenPlace, have: number) => {
    const taken = new Set(out.filter((p) => p.parentId === community.id).map((p) => p.name));
    const base = community.name.replace(/社区$/, '');
    for (let i = have; i < opts.compoundsPerCommunity; i++) {
      let name = `${base}${rng.pick(COMPOUND_TAILS)}`;
      for (let j = 2; taken.has(name); j++) name = `${base}${j}期${rng.pick(COMPOUND_TAILS)}`;
      taken.add(name);
      add({ name, nameEn: `${community.nameEn.replace(/ Community$/, '')} Compound ${i + 1}`, kind: 'urban' }, 3, community);
    }
  };
  walk(PLACE_TREE, 0, null);
  return out;
}
