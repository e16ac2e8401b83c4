@echo off
rem mcp-medic from the installed app: runs the app's own binary as Node on the command line
rem bundled inside it. Add this folder (...\MCP Medic\resources\bin) to your PATH.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\MCP Medic.exe" "%~dp0..\app.asar\out\main\cli.js" %*
exit /b %ERRORLEVEL%
