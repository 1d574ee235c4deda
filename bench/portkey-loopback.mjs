// Preloaded into the Portkey gateway's Node.js process (node --import) by bench/gateway. Portkey
// 1.15's server calls listen(port, undefined, callback) and so binds every interface. This makes a
// listen() call that names a port but no host bind 127.0.0.1 instead, so the benchmark's Portkey is
// reachable on loopback only.
import net from 'node:net';

const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const portOnly = typeof args[0] === 'number' && (args[1] === undefined || typeof args[1] === 'function');
  if (portOnly) {
    args.splice(1, args[1] === undefined ? 1 : 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
