/**
 * Where to get each runtime MCP servers are started with: the official download page per OS and
 * a package-manager command to copy. Shared by the engine (the fix of `runtime-not-installed`)
 * and the renderer (the runtimes panel). Links open only through `isAllowedLink`.
 */

export type InstallOs = 'darwin' | 'win32' | 'linux'

export interface InstallInfo {
  /** the runtime's name for people */
  title: string
  /** official download or installation page, per OS (`default` when one page serves all) */
  url: Partial<Record<InstallOs, string>> & { default: string }
  /** a package-manager command, per OS: Homebrew on macOS, winget on Windows, apt (or the official script) on Linux */
  command: Partial<Record<InstallOs, string>>
}

const NODE: InstallInfo = {
  title: 'Node.js',
  url: { default: 'https://nodejs.org/en/download' },
  command: { darwin: 'brew install node', win32: 'winget install OpenJS.NodeJS.LTS', linux: 'sudo apt install nodejs npm' }
}
const PYTHON: InstallInfo = {
  title: 'Python',
  url: { default: 'https://www.python.org/downloads/' },
  command: { darwin: 'brew install python', win32: 'winget install Python.Python.3.12', linux: 'sudo apt install python3' }
}
const UV: InstallInfo = {
  title: 'uv',
  url: { default: 'https://docs.astral.sh/uv/getting-started/installation/' },
  command: { darwin: 'brew install uv', win32: 'winget install --id=astral-sh.uv -e', linux: 'curl -LsSf https://astral.sh/uv/install.sh | sh' }
}

/** Install facts per command name; commands that come with a runtime share its entry. */
export const INSTALL: Readonly<Record<string, InstallInfo>> = {
  node: NODE,
  npx: NODE,
  npm: NODE,
  python: PYTHON,
  python3: PYTHON,
  uv: UV,
  uvx: UV,
  pipx: {
    title: 'pipx',
    url: { default: 'https://pipx.pypa.io/stable/installation/' },
    command: { darwin: 'brew install pipx', win32: 'python -m pip install --user pipx', linux: 'sudo apt install pipx' }
  },
  docker: {
    title: 'Docker',
    url: { default: 'https://www.docker.com/products/docker-desktop/', linux: 'https://docs.docker.com/engine/install/' },
    command: { darwin: 'brew install --cask docker', win32: 'winget install Docker.DockerDesktop', linux: 'sudo apt install docker.io' }
  },
  bun: {
    title: 'Bun',
    url: { default: 'https://bun.sh/docs/installation' },
    command: { darwin: 'brew install oven-sh/bun/bun', win32: 'winget install Oven-sh.Bun', linux: 'curl -fsSL https://bun.sh/install | bash' }
  },
  bunx: {
    title: 'Bun',
    url: { default: 'https://bun.sh/docs/installation' },
    command: { darwin: 'brew install oven-sh/bun/bun', win32: 'winget install Oven-sh.Bun', linux: 'curl -fsSL https://bun.sh/install | bash' }
  },
  deno: {
    title: 'Deno',
    url: { default: 'https://docs.deno.com/runtime/getting_started/installation/' },
    command: { darwin: 'brew install deno', win32: 'winget install DenoLand.Deno', linux: 'curl -fsSL https://deno.land/install.sh | sh' }
  },
  java: {
    title: 'Java',
    url: { default: 'https://adoptium.net/' },
    command: { darwin: 'brew install --cask temurin', win32: 'winget install EclipseAdoptium.Temurin.21.JDK', linux: 'sudo apt install default-jre' }
  }
}

/** The install facts for one OS: its page and its command, or undefined for a command we do not know. */
export function installFor(name: string, platform: string): { title: string; url: string; command?: string } | undefined {
  const info = INSTALL[name]
  if (!info) return undefined
  const os: InstallOs = platform === 'darwin' || platform === 'win32' ? platform : 'linux'
  return { title: info.title, url: info.url[os] ?? info.url.default, command: info.command[os] }
}

/** Hosts whose pages MCP Medic may open in the user's browser (and their subdomains). */
export const ALLOWED_LINK_HOSTS: readonly string[] = [
  'nodejs.org',
  'astral.sh',
  'python.org',
  'pypa.io',
  'docker.com',
  'bun.sh',
  'deno.com',
  'adoptium.net'
]

/** Whether a link may leave the app: https, no credentials, and a host on the allow-list. */
export function isAllowedLink(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false
  const host = parsed.hostname.toLowerCase()
  return ALLOWED_LINK_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
}
