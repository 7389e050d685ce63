/**
 * Java `.properties` text (jndi.properties, Spring Boot's application.properties), read by
 * java.util.Properties as ISO-8859-1: every character outside printable ASCII is written as a
 * \uXXXX escape, and the characters that end a key or start a comment are escaped.
 */

export function propertiesLine(key: string, value: string): string {
  return `${escapeProperties(key, true)}=${escapeProperties(value, false)}`;
}

export function propertiesComment(text: string): string {
  return `# ${escapeProperties(text.replace(/[\r\n]+/g, ' '), false)}`;
}

function escapeProperties(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\f') out += '\\f';
    else if (isKey && (ch === '=' || ch === ':' || ch === ' ')) out += `\\${ch}`;
    else if (ch === ' ' && i === 0) out += '\\ ';
    else if ((ch === '#' || ch === '!') && i === 0) out += `\\${ch}`;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}
