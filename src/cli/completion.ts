import type { Command } from 'commander';

/**
 * A bash completion script for a commander program, written from the program itself so that it
 * never falls behind the commands: command names, then a command's subcommands, options where a
 * word starts with a dash, and file names elsewhere. zsh runs it through bashcompinit.
 */
export function bashCompletion(program: Command): string {
  const name = program.name();
  const fn = `_${name.replace(/\W/g, '_')}_complete`;
  const options = (command: Command) =>
    [
      ...command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)),
      '--help',
    ].join(' ');
  const names = (command: Command) => command.commands.map((c) => c.name()).join(' ');
  const cases = program.commands
    .map((command) => {
      const nested = command.commands
        .map((sub) => `        ${sub.name()}) opts="${options(sub)}" ;;`)
        .join('\n');
      return [
        `    ${command.name()})`,
        `      subs="${names(command)}"`,
        `      opts="${options(command)}"`,
        ...(nested ? ['      case "${COMP_WORDS[2]}" in', nested, '      esac'] : []),
        '      ;;',
      ].join('\n');
    })
    .join('\n');
  return `# ${name} completion for bash, and zsh through bashcompinit. Load it with:
#   source <(${name} completion)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" subs="" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${names(program)} --help --version" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  elif [ "$COMP_CWORD" -eq 2 ] && [ -n "$subs" ]; then
    COMPREPLY=( $(compgen -W "$subs" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
if [ -n "$ZSH_VERSION" ]; then autoload -U +X bashcompinit && bashcompinit; fi
complete -o filenames -F ${fn} ${name}
`;
}
