import { AppError } from '../shared/contract'
import { UsageError } from './args'
import { main } from './main'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof AppError) process.stderr.write(`mcp-medic: ${error.message}\n`)
    else process.stderr.write(`mcp-medic: internal error: ${(error as Error)?.stack ?? String(error)}\n`)
    process.exitCode = 2
  }
)
