export { Migration20261125181526 } from './Migration20261125181526';
