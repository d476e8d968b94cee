package dev.puerto.testing;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;

/**
 * GreenMail's IMAP server with TCP_NODELAY on each connection. GreenMail flushes every response
 * line; with Nagle's algorithm on, each line after the first waits for the client's delayed ACK (40
 * ms on Linux), which made a message take about 100 ms on loopback. Real servers do not wait like
 * that, and the benchmark should measure Puerto, not this.
 */
final class NoDelayImapServer extends AbstractServer {
  NoDelayImapServer(ServerSetup setup, Managers managers) {
    super(setup, managers);
  }

  @Override
  protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
    return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), clientSocket);
  }

  @Override
  protected void handleClientSocket(Socket clientSocket) throws SocketException {
    clientSocket.setTcpNoDelay(true);
    super.handleClientSocket(clientSocket);
  }
}
