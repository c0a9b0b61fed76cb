// The callback bench's receiver, in a process of its own as a real receiver is (in the bench's
// process it would take turns with the load generator): answers every delivery 200 and reports
// its count to the parent on request.
import { createServer } from 'node:http';

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(200).end();
  });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'count') process.send({ received });
  if (m === 'close') server.close(() => process.exit(0));
});
