import { CLI_COMMANDS, findCommand } from './cli-commands';

describe('findCommand', () => {
  it('finds one-word and two-word commands with their arguments', () => {
    expect(findCommand(['migrate'])).toEqual({ command: CLI_COMMANDS.migrate, args: [] });
    expect(findCommand(['accounts', 'list'])).toEqual({ command: CLI_COMMANDS['accounts list'], args: [] });
    expect(findCommand(['set-plan', 'dev@company.com', 'pro'])).toEqual({ command: CLI_COMMANDS['set-plan'], args: ['dev@company.com', 'pro'] });
    expect(findCommand(['registration', 'close'])).toEqual({ command: CLI_COMMANDS['registration close'], args: [] });
  });

  it('finds nothing for an unknown command or a wrong argument count', () => {
    expect(findCommand(['accounts'])).toBeUndefined();
    expect(findCommand(['migrate', 'now'])).toBeUndefined();
    expect(findCommand(['accounts', 'show'])).toBeUndefined();
  });
});
