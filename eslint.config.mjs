import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'string_decoder', 'timers',
  'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'
]

/** Raw IPC is allowed only in the adapters; everything else goes through the typed contract. */
const rawIpc = [
  { selector: "MemberExpression[object.name='ipcMain']", message: 'Raw ipcMain only in src/main/ipc/: register channels through the contract.' },
  { selector: "MemberExpression[object.name='ipcRenderer']", message: 'Raw ipcRenderer only in src/preload/: use window.api.' },
  { selector: "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']", message: 'webContents.send only in src/main/ipc/: use sendEvent.' },
  { selector: "CallExpression[callee.property.name='send'][callee.object.name=/^(contents|webContents)$/]", message: 'webContents.send only in src/main/ipc/: use sendEvent.' }
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', ...rawIpc]
    }
  },
  {
    files: ['src/main/ipc/**/*.ts', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the engine only through window.api.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'No Node built-ins in the renderer.' }))
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node built-ins in the renderer.' },
            { group: ['**/main/**', '**/preload/index*', '**/cli/**'], message: 'The renderer may import only src/shared and its own files.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/shared must run in every process.' }, ...NODE_BUILTINS.map((name) => ({ name, message: 'src/shared must run in every process.' }))],
          patterns: [
            { group: ['node:*'], message: 'src/shared must run in every process.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', 'react', 'react-dom', 'zustand'], message: 'src/shared imports nothing runtime-specific.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine and the CLI run in plain Node: never import electron.' }],
          patterns: [{ group: ['**/renderer/**', '**/preload/**', '**/main/ipc/**', '**/main/index*', '**/main/window*', '**/main/menu*'], message: 'The engine depends on nothing above it.' }]
        }
      ]
    }
  },
  {
    // CommonJS launcher scripts; the Electron one loads `electron` on purpose (to fetch the binary).
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['tests/**/*.{ts,tsx,mjs}', 'e2e/**/*.ts', 'bench/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Never load electron from plain Node: it tries to download a binary.' }] }]
    }
  }
)
