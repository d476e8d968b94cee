package dev.puerto.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a database server that can be told to stall: from then on it
 * forwards nothing in either direction and accepts new connections without answering them, while
 * keeping every socket open, as a server that was stopped (SIGSTOP) or a network that went away
 * looks to a client.
 */
public final class StallingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final CountDownLatch stalled = new CountDownLatch(1);
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong connections = new AtomicLong();
  private volatile boolean closed;

  private StallingProxy(ServerSocket listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
  }

  public static StallingProxy start(String targetHost, int targetPort) throws IOException {
    StallingProxy proxy =
        new StallingProxy(
            new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
            new InetSocketAddress(targetHost, targetPort));
    Thread acceptor = new Thread(proxy::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return proxy;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Connections accepted so far. */
  public long connections() {
    return connections.get();
  }

  /** From now on nothing passes, and nothing is closed. */
  public void stall() {
    stalled.countDown();
  }

  public boolean isStalled() {
    return stalled.getCount() == 0;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    stall();
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        connections.incrementAndGet();
        if (isStalled()) {
          continue;
        }
        Socket server = new Socket();
        sockets.add(server);
        server.connect(target, 10_000);
        pump(client, server, "proxy-up");
        pump(server, client, "proxy-down");
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to, String name) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  if (isStalled()) {
                    // Hold these bytes and everything after them, and never close.
                    stalled.await();
                    while (!closed) {
                      Thread.sleep(1_000);
                    }
                    return;
                  }
                  out.write(buffer, 0, read);
                  out.flush();
                }
                to.shutdownOutput();
              } catch (IOException | InterruptedException e) {
                // the other side went away, or the proxy closed
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }
}
