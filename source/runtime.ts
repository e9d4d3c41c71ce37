/**
Process-wide settings that must be in place before React, Ink and the corpus load; cli.tsx
imports this module first (and has no JSX of its own, so React is not loaded before it).

React's production build: without NODE_ENV, React runs its development build, with extra checks on
every render: slower frames and more garbage.

No V8 heap flags. A young generation capped at 2 MB (`--max-semi-space-size=2` in a shebang) once
took the peak memory on a 100 MB corpus from 2.7 to 2.4 times the file; since frames make far less
garbage (scripts/dependency-transforms.mjs) the peak is 2.2 times without it, and the cap cost 6 ms
of every start and a slower key p95. Set from here, after the heap exists, it changed nothing.
*/
process.env['NODE_ENV'] ??= 'production';
