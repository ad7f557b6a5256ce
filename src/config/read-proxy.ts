import type { ConfigValidator } from './config-validator.js';
import type { ProxyConfig } from './config-types.js';
import { interpolateEnv, type ConfigEnv } from './interpolate-env.js';

/**
 * Resolves the proxy settings. `fetch.proxy` (a URL, `${ENV}` allowed) is used for http and https
 * targets; `"proxy": null` means never use a proxy; when `proxy` is absent the standard variables are
 * read from `env` as curl and undici read them (`http_proxy`/`HTTP_PROXY`, `https_proxy`/`HTTPS_PROXY`,
 * lower case first). `fetch.noProxy`, else `no_proxy`/`NO_PROXY`, lists hosts reached directly.
 */
export function readProxy(v: ConfigValidator, section: Record<string, unknown>, env: ConfigEnv): ProxyConfig | null {
  const configured = section['proxy'];
  const noProxyRaw = section['noProxy'];
  let noProxy: string[] = [];
  if (noProxyRaw !== undefined) noProxy = v.stringArray(noProxyRaw, 'fetch.noProxy');
  else noProxy = splitNoProxy(env['no_proxy'] ?? env['NO_PROXY'] ?? '');
  if (configured === null) return null;
  if (configured !== undefined) {
    const url = proxyUrl(v, v.string(configured, 'fetch.proxy', true), 'fetch.proxy', env);
    return { httpProxy: url, httpsProxy: url, noProxy };
  }
  const fromEnv = (lower: string, upper: string): string | null => {
    const name = env[lower] !== undefined && env[lower] !== '' ? lower : upper;
    const value = env[name];
    return value === undefined || value === '' ? null : proxyUrl(v, value, `environment variable ${name}`, {});
  };
  const httpProxy = fromEnv('http_proxy', 'HTTP_PROXY');
  const httpsProxy = fromEnv('https_proxy', 'HTTPS_PROXY');
  if (httpProxy === null && httpsProxy === null) return null;
  return { httpProxy, httpsProxy, noProxy };
}

function proxyUrl(v: ConfigValidator, raw: string, field: string, env: ConfigEnv): string {
  const text = interpolateEnv(raw, env, (message) => v.fail(field, message));
  // Quoting the value could print the proxy's password: name the problem only.
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) v.fail(field, 'an http:// or https:// proxy URL (e.g. http://proxy.internal:3128)');
  return text;
}

function splitNoProxy(value: string): string[] {
  return value.split(/[,\s]+/).filter((entry) => entry !== '');
}
