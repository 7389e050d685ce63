import java.io.Serializable;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.ObjectMessage;
import javax.jms.Session;
import javax.jms.TextMessage;

/** The body every program sends: a TextMessage or an ObjectMessage of about `size` bytes. */
final class Payload {
  /** What an application would put in an ObjectMessage: a small object graph. */
  static final class Order implements Serializable {
    private static final long serialVersionUID = 1L;
    final long seq;
    final String note;
    final int[] lines;

    Order(long seq, String note, int[] lines) {
      this.seq = seq;
      this.note = note;
      this.lines = lines;
    }
  }

  private final String text;
  private final boolean object;

  Payload(String type, int size) {
    if (!type.equals("text") && !type.equals("object")) throw new IllegalArgumentException("type=text|object");
    this.object = type.equals("object");
    StringBuilder b = new StringBuilder(size);
    for (int i = 0; i < size; i++) b.append((char) ('a' + i % 26));
    this.text = b.toString();
  }

  Message create(Session s, long seq) throws JMSException {
    Message m;
    if (object) {
      int[] lines = new int[text.length() / 16];
      for (int i = 0; i < lines.length; i++) lines[i] = i;
      m = s.createObjectMessage(new Order(seq, text.substring(0, text.length() / 2), lines));
    } else {
      m = s.createTextMessage(text);
    }
    m.setLongProperty("seq", seq);
    return m;
  }

  /** Reads the body as the application would (an ObjectMessage is deserialized here). */
  static void read(Message m) throws JMSException {
    if (m instanceof ObjectMessage) ((ObjectMessage) m).getObject();
    else if (m instanceof TextMessage) ((TextMessage) m).getText();
  }
}
