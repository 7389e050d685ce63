import java.io.FileInputStream;
import java.util.Properties;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.Destination;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.naming.InitialContext;

/**
 * Connects the way an application configured by an exported jndi.properties does: the file's
 * initial context, the named connection factory and destination. Sends one persistent message
 * and receives it back, then prints one JSON line. Compiled by the test with javac.
 *
 * Arguments: jndi.properties path, connection factory name, destination JNDI name.
 */
public final class JndiProbe {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    try (FileInputStream in = new FileInputStream(args[0])) {
      p.load(in);
    }
    InitialContext ctx = new InitialContext(p);
    ConnectionFactory f = (ConnectionFactory) ctx.lookup(args[1]);
    Destination d = (Destination) ctx.lookup(args[2]);
    Connection c = f.createConnection();
    try {
      c.start();
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = s.createConsumer(d);
      String body = "probe-" + System.nanoTime();
      s.createProducer(d).send(s.createTextMessage(body));
      for (int i = 0; i < 100; i++) {
        Message m = consumer.receive(20000);
        if (m == null) break;
        if (m instanceof TextMessage && body.equals(((TextMessage) m).getText())) {
          System.out.println("{\"ev\":\"probe\",\"ok\":true}");
          return;
        }
      }
      System.out.println("{\"ev\":\"probe\",\"ok\":false}");
      System.exit(1);
    } finally {
      c.close();
    }
  }
}
