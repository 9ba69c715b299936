// Demo place tree: 涿州市 and its townships, with the villages and compounds named in the
// source report plus a few more. Kind says which households live there (flats or houses).
export interface SeedPlace {
  name: string;
  nameEn: string;
  code?: string;
  kind?: 'urban' | 'rural';
  children?: SeedPlace[];
}

export const PLACE_TREE: SeedPlace = {
  name: '涿州市',
  nameEn: 'Zhuozhou City',
  code: '130681',
  children: [
    {
      name: '双塔街道',
      nameEn: 'Shuangta Subdistrict',
      code: '130681001',
      children: [
        {
          name: '天桥街社区',
          nameEn: 'Tianqiaojie Community',
          kind: 'urban',
          children: [
            { name: '永济秀园小区', nameEn: 'Yongji Xiuyuan Compound', kind: 'urban' },
            { name: '天桥小区', nameEn: 'Tianqiao Compound', kind: 'urban' },
          ],
        },
        { name: '范阳路社区', nameEn: 'Fanyanglu Community', kind: 'urban', children: [{ name: '华阳小区', nameEn: 'Huayang Compound', kind: 'urban' }] },
      ],
    },
    {
      name: '桃园街道',
      nameEn: 'Taoyuan Subdistrict',
      code: '130681002',
      children: [{ name: '桃园社区', nameEn: 'Taoyuan Community', kind: 'urban', children: [{ name: '鼓楼小区', nameEn: 'Gulou Compound', kind: 'urban' }] }],
    },
    {
      name: '刁窝镇',
      nameEn: 'Diaowo Town',
      code: '130681104',
      children: [
        { name: '万全庄村', nameEn: 'Wanquanzhuang Village', kind: 'rural' },
        { name: '东冯村', nameEn: 'Dongfeng Village', kind: 'rural' },
        { name: '刁窝村', nameEn: 'Diaowo Village', kind: 'rural' },
      ],
    },
    {
      name: '东城坊镇',
      nameEn: 'Dongchengfang Town',
      code: '130681105',
      children: [
        { name: '三城村', nameEn: 'Sancheng Village', kind: 'rural' },
        { name: '东城坊村', nameEn: 'Dongchengfang Village', kind: 'rural' },
      ],
    },
    {
      name: '码头镇',
      nameEn: 'Matou Town',
      code: '130681103',
      children: [{ name: '码头村', nameEn: 'Matou Village', kind: 'rural' }],
    },
    {
      name: '义和庄镇',
      nameEn: 'Yihezhuang Town',
      code: '130681107',
      children: [{ name: '义和庄村', nameEn: 'Yihezhuang Village', kind: 'rural' }],
    },
    {
      name: '松林店镇',
      nameEn: 'Songlindian Town',
      code: '130681101',
      children: [{ name: '松林店村', nameEn: 'Songlindian Village', kind: 'rural' }],
    },
  ],
};
