// Sample wording the demo seed and the county generator share: what a resident writes about each
// kind of grievance.
import type { GrievanceCategory } from '../../lib/domain';

export const SAMPLE_GRIEVANCE_TEXT: Record<GrievanceCategory, string> = {
  garbage: '小区门口的建筑垃圾堆了一周，没人清运。',
  infrastructure: '村里主路被冲坏，车辆进出困难。',
  heating: '暖气片不热，室温只有12度。',
  elevator: '3号楼电梯泡水后一直停运，老人上下楼困难。',
  basement: '地下室还有淤泥，希望安排清淤。',
  jobs: '家里玉米绝收，想找份临时工作。',
  loans: '想申请灾后重建贷款，不知道去哪里办。',
  other: '想咨询房屋鉴定结果何时出来。',
};
