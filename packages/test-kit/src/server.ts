export { type ServerLogLine, type ServerProcess, spawnServerProcess } from './spawn-server-process.js';
export { createServerKit, type ServerApi, type ServerKit } from './start-test-server.js';
export { untilInFlight } from './until-in-flight.js';
