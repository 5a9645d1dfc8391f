#!/usr/bin/env node
// Baseline: an HTTP hello-world on the gateway's own stack (express on this
// Node, JSON body parser, JSON answer), nothing behind it. The runner drives
// it with k6 on the same machine: the ceiling of one HTTP hop.
//   node load-tests/baselines/http-hello.mjs <port>   prints "listening <port>"
import { createServer } from 'node:http';
import express from 'express';

const port = Number(process.argv[2] ?? 0);
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '256kb', strict: true }));
app.get('/hello', (_req, res) => res.json({ hello: 'world' }));
app.post('/hello', (req, res) => res.status(201).json({ echo: req.body }));
const server = createServer(app);
server.listen(port, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
