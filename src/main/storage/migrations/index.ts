import { m001Sessions } from './001_sessions';
import { m002Terminals } from './002_terminals';
import { m003Projects } from './003_projects';
import { m004Agent } from './004_agent';
import { m005Reviews } from './005_reviews';
import { m006Ports } from './006_ports';
import { m007Engines } from './007_engines';

/** Numbered migrations: entry N-1 takes the schema from version N-1 to N. Append only. */
export const migrations: readonly string[] = [
  m001Sessions,
  m002Terminals,
  m003Projects,
  m004Agent,
  m005Reviews,
  m006Ports,
  m007Engines,
];
