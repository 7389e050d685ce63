import javax.jms.Session;
import org.apache.activemq.ActiveMQSession;

/** The acknowledgement modes by the names the topology format uses. */
final class AckModes {
  private AckModes() {}

  static int session(String ackMode) {
    switch (ackMode) {
      case "auto": return Session.AUTO_ACKNOWLEDGE;
      case "client": return Session.CLIENT_ACKNOWLEDGE;
      case "dups_ok": return Session.DUPS_OK_ACKNOWLEDGE;
      case "individual": return ActiveMQSession.INDIVIDUAL_ACKNOWLEDGE;
      case "transacted": return Session.SESSION_TRANSACTED;
      default: throw new IllegalArgumentException("ackMode=auto|client|dups_ok|individual|transacted");
    }
  }
}
