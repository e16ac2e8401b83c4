import { describe, expect, it } from 'vitest'
import { shellWords } from '../../../src/main/core/fix/shell-words'

const words = (line: string, platform: NodeJS.Platform = 'linux') => {
  const result = shellWords(line, platform)
  if (!result.ok) throw new Error(result.reason)
  return result.words
}
const refusal = (line: string, platform: NodeJS.Platform = 'linux') => {
  const result = shellWords(line, platform)
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.words)}`)
  return result.reason
}

describe('shellWords (POSIX)', () => {
  it('splits at runs of blanks and keeps quoted blanks', () => {
    expect(words('npx -y @modelcontextprotocol/server-filesystem   /tmp')).toEqual(['npx', '-y', '@modelcontextprotocol/server-filesystem', '/tmp'])
    expect(words(`node '/My Files/server.js' --name "Ann's box"`)).toEqual(['node', '/My Files/server.js', '--name', "Ann's box"])
    expect(words('  uvx\tmcp-server-fetch \n')).toEqual(['uvx', 'mcp-server-fetch'])
  })

  it('joins adjacent quoted and bare parts into one word, as a shell does', () => {
    expect(words(`--dir='/a b'/c "x"y'z'`)).toEqual(['--dir=/a b/c', 'xyz'])
    expect(words(`''`)).toEqual([''])
  })

  it('reads backslash escapes outside quotes and only $ ` " \\ inside double quotes', () => {
    expect(words('node /a\\ b/server.js')).toEqual(['node', '/a b/server.js'])
    expect(words('echo "a\\"b" "c\\d" \'e\\f\'')).toEqual(['echo', 'a"b', 'c\\d', 'e\\f'])
    expect(words('a\\\nb')).toEqual(['ab'])
  })

  it('keeps $VAR and ${VAR} literally (the client may expand them) and drops a # comment', () => {
    expect(words('node ${SERVER_PATH} $HOME # started by hand')).toEqual(['node', '${SERVER_PATH}', '$HOME'])
    expect(words('node a#b')).toEqual(['node', 'a#b'])
  })

  it('refuses what only a shell can do, saying why', () => {
    expect(refusal('cd /srv && node index.js')).toMatch(/&/)
    expect(refusal('node a.js | tee log')).toMatch(/pipe/)
    expect(refusal('node a.js > out.log')).toMatch(/redirection/)
    expect(refusal('node $(which server)')).toMatch(/substitution/)
    expect(refusal('node "`which server`"')).toMatch(/substitution/)
    expect(refusal('API_KEY=abc node server.js')).toMatch(/setting a variable \(API_KEY=…\).*env/)
    expect(refusal(`node 'unclosed`)).toMatch(/single quote/)
    expect(refusal('node "unclosed')).toMatch(/double quote/)
    expect(refusal('node trailing\\')).toMatch(/backslash/)
    expect(refusal('   ')).toMatch(/empty/)
  })

  it('takes a quoted first word that contains "=" as a program name', () => {
    expect(words(`'/opt/a=b/server' --x`)).toEqual(['/opt/a=b/server', '--x'])
  })
})

describe('shellWords (Windows)', () => {
  it('keeps backslashes in paths and groups quoted words', () => {
    expect(words('"C:\\Program Files\\nodejs\\node.exe" C:\\srv\\index.js --port 3000', 'win32')).toEqual(['C:\\Program Files\\nodejs\\node.exe', 'C:\\srv\\index.js', '--port', '3000'])
    expect(words('npx -y @scope/pkg', 'win32')).toEqual(['npx', '-y', '@scope/pkg'])
  })

  it('follows the C runtime rules for backslashes before quotes and doubled quotes', () => {
    expect(words('a\\\\"b c" d', 'win32')).toEqual(['a\\b c', 'd'])
    expect(words('a\\"b', 'win32')).toEqual(['a"b'])
    expect(words('"say ""hi"""', 'win32')).toEqual(['say "hi"'])
  })

  it('refuses cmd operators and an unclosed quote', () => {
    expect(refusal('npx a & npx b', 'win32')).toMatch(/&/)
    expect(refusal('"C:\\Program Files\\x', 'win32')).toMatch(/double quote/)
  })
})
