import type { SectorSystem } from '../runtime/sector-system.ts';
import { telecomSystem } from './ii-01-telecom/system.ts';
import { insuranceSystem } from './ii-02-insurance/system.ts';
import { businessSystem } from './ii-03-business/system.ts';
import { landSystem } from './ii-04-land/system.ts';
import { financeSystem } from './ii-05-finance/system.ts';
import { integritySystem } from './ii-06-integrity/system.ts';
import { scienceSystem } from './ii-07-science/system.ts';
import { civilServantsSystem } from './ii-08-civil-servants/system.ts';
import { taxSystem } from './ii-09-tax/system.ts';
import { healthSystem } from './ii-10-health/system.ts';
import { drivingSystem } from './ii-11-driving/system.ts';
import { civilStatusSystem } from './ii-12-civil-status/system.ts';
import { socialProtectionSystem } from './ii-13-social-protection/system.ts';
import { judgmentsSystem } from './ii-14-judgments/system.ts';
import { educationSystem } from './ii-15-education/system.ts';
import { caseFilesSystem } from './ii-16-case-files/system.ts';
import { prosecutionSystem } from './ii-17-prosecution/system.ts';
import { agricultureSystem } from './ii-18-agriculture/system.ts';
import { justiceSystem } from './ii-19-justice/system.ts';

/** The 19 reference sectoral systems of section II of the action plan, in plan order. */
export const SECTOR_SYSTEMS: readonly SectorSystem[] = [
  telecomSystem, insuranceSystem, businessSystem, landSystem,
  financeSystem, integritySystem, scienceSystem,
  civilServantsSystem, taxSystem, healthSystem, drivingSystem,
  civilStatusSystem, socialProtectionSystem, judgmentsSystem, educationSystem,
  caseFilesSystem, prosecutionSystem, agricultureSystem, justiceSystem,
];

/** The system of a plan item (`II.9`), or undefined. */
export function systemFor(planItem: string): SectorSystem | undefined {
  return SECTOR_SYSTEMS.find((s) => s.planItem === planItem);
}
