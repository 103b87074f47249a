/**
 * Types for the part of Eleventy 3's programmatic API the renderer uses;
 * the package ships JavaScript without declarations.
 */
declare module '@11ty/eleventy' {
  /** The configuration object handed to the `config` callback. */
  export interface UserConfig {
    benchmarks: { config: { setMinimumThresholdMs(ms: number): void } };
    setTemplateFormats(formats: string[]): void;
    setIncludesDirectory(dir: string): void;
    setUseGitIgnore(use: boolean): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    addGlobalData(key: string, value: unknown): void;
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
    addTemplate(path: string, content: string, data?: Record<string, unknown>): void;
  }

  export interface EleventyOptions {
    quietMode?: boolean;
    /** `false` skips looking for a configuration file. */
    configPath?: string | false;
    config?: (config: UserConfig) => void | Promise<void>;
  }

  /** One rendered page from `toJSON()`. */
  export interface JsonResult {
    url: string | false;
    inputPath: string;
    outputPath: string | false;
    content: string;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    toJSON(): Promise<JsonResult[]>;
  }
}
