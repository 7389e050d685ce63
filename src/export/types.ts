/** What `export` produces: files to write, relative to the output directory. */

export interface ExportFile {
  /** Relative path with `/` separators, e.g. `brokers/broker-0/activemq.xml`. */
  path: string;
  content: string;
}

/** Where a generated setting's value came from, for the README's table. */
export type SettingSource = 'topology' | 'default' | 'derived';

export interface ExportedSetting {
  /** Where it is written, e.g. `kahaDB journalDiskSyncStrategy`. */
  name: string;
  value: string;
  source: SettingSource;
  /** The topology field it comes from, or why it was derived. */
  from: string;
}
