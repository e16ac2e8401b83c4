import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/renderer/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          pool: 'forks'
        }
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          // whole-app renders take seconds when eight engineers' tests share two cores
          testTimeout: 20_000
        }
      }
    ]
  }
})
