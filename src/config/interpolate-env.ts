/** The environment a config is read against: passed in by the caller (the CLI passes `process.env`). */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${NAME}` with the variable's value from `env`, so secrets (cookies, tokens, proxy
 * credentials) stay out of the config file. `$${` stands for a literal `${`. A reference to a variable
 * that is unset or empty, or a malformed reference (`${}`, `${A-B}`), is reported through `problem`
 * (with the name, never a value) and left in place.
 */
export function interpolateEnv(value: string, env: ConfigEnv, problem: (message: string) => void): string {
  return value.replace(REFERENCE, (match, name: string | undefined) => {
    if (name === undefined) return '${';
    if (!NAME.test(name)) {
      problem(`a \${NAME} reference with a variable name of letters, digits and _ (got "\${${name.slice(0, 40)}}"; write $\${ for a literal \${)`);
      return match;
    }
    const found = env[name];
    if (found === undefined || found === '') {
      problem(`environment variable ${name} to be set (referenced as \${${name}}; it is ${found === undefined ? 'unset' : 'empty'})`);
      return match;
    }
    return found;
  });
}
