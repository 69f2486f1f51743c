export { Migration20261125181526 } from './Migration20261125181526';
export { Migration20261125182001 } from './Migration20261125182001';
export { Migration20261125182315 } from './Migration20261125182315';
export { Migration20261201082405 } from './Migration20261201082405';
export { Migration20261201090000 } from './Migration20261201090000';
export { Migration20261201100000 } from './Migration20261201100000';
export { Migration20261201120000 } from './Migration20261201120000';
export { Migration20261202090000 } from './Migration20261202090000';
