/**
 * One build's record as it runs: moving it from stage to stage (each move
 * conditional on the version last written, and only while it is still
 * running, so a build the edge already gave up on learns so at its next
 * step), and ending it failed. A failed build releases the site's lock and
 * throws its files away, unless visitors or the site's record might still
 * be pointed at them (a double failure while going live): then they stay
 * until `sync` has put things right and a later build's pruning finds them.
 */
import { isRunning, type Deploy, type DeployStage } from '../../core/records/deploys';
import { errorFields, log } from '../log';
import { deleteDeploy } from '../storage/site-files';
import type { PublishingServices } from '.';
import { pointerNow } from './converge';
import { getDeploy, saveDeploy } from './deploy-records';
import { readSite, releaseLock } from './site-record';

/** Stage timings with the running stage's time filled in. */
function timed(record: Deploy, now: Date): Deploy['stages'] {
  const stages = { ...record.stages };
  const current = record.state as DeployStage;
  const timing = stages[current];
  if (timing && timing.ms === undefined) {
    stages[current] = { ...timing, ms: now.getTime() - Date.parse(timing.startedAt) };
  }
  return stages;
}

export class BuildRun {
  /** Set once uploading began: from then on the bucket may hold this build's files. */
  uploading = false;
  /** Set once visitors may be getting this build: it must not be recorded failed after that. */
  wentLive = false;

  constructor(
    readonly s: PublishingServices,
    public record: Deploy,
  ) {}

  get site() {
    return this.record.site;
  }
  get id() {
    return this.record.id;
  }

  /** Saves `next` over the record; false when someone else changed it first. */
  async save(next: Deploy, whileRunning = true): Promise<boolean> {
    const saved = await saveDeploy(this.s, this.record, next, { whileRunning });
    if (saved) this.record = saved;
    return saved !== undefined;
  }

  /** Moves on to `stage` (with `extra` fields); false when the build is no longer running. */
  enter(stage: DeployStage, extra: Partial<Deploy> = {}): Promise<boolean> {
    const now = new Date();
    const stages = { ...timed(this.record, now), [stage]: { startedAt: now.toISOString() } };
    return this.save({
      ...this.record,
      ...extra,
      state: stage,
      stages,
      updatedAt: now.toISOString(),
    });
  }

  /**
   * Records the build live, with `extra` (files, manifest, changes, log).
   * The site's record already says it is live, so the history must too:
   * if the edge marked it failed meanwhile (its deadline passed just as it
   * went live), this writes over that once, at the version it finds.
   */
  async live(extra: Partial<Deploy>): Promise<void> {
    const now = new Date();
    const next = (record: Deploy): Deploy => ({
      ...record,
      ...extra,
      state: 'live',
      failedStage: undefined,
      stages: timed(this.record, now),
      updatedAt: now.toISOString(),
    });
    if (await this.save(next(this.record), false)) return;
    const current = await getDeploy(this.s, this.site, this.id);
    if (current) this.record = current;
    await this.save(next(this.record), false);
  }

  /**
   * Whether this build's files may be deleted: true when none were written,
   * or when neither the store nor the site's record names this build.
   */
  private async filesUnused(): Promise<boolean> {
    if (!this.uploading) return true;
    const pointer = await pointerNow(this.s, this.site);
    if (pointer === null || pointer === this.id) return false;
    const site = await readSite(this.s, this.site).catch(() => null);
    return site !== null && site?.liveDeploy !== this.id;
  }

  /** Deletes this build's files when nothing can be using them; true when they are gone. */
  async discardFiles(): Promise<boolean> {
    if (!(await this.filesUnused())) return false;
    if (!this.uploading) return true;
    try {
      await deleteDeploy(this.s.publishing.bucket, this.site, this.id);
      return true;
    } catch (error) {
      log.error('deleting a failed build’s files failed', errorFields(error));
      return false;
    }
  }

  /**
   * Ends the build failed in the stage it is in, with `lines` in its log.
   * Answers `skipped` when the record had already ended (the edge's
   * deadline): the build's files are thrown away and its lock let go all
   * the same, if it still holds it.
   */
  async fail(lines: string[]): Promise<'failed' | 'skipped'> {
    const gone = await this.discardFiles();
    const now = new Date();
    const failed = await this.save({
      ...this.record,
      state: 'failed',
      failedStage: this.record.state as DeployStage,
      stages: timed(this.record, now),
      log: [...this.record.log, ...lines],
      updatedAt: now.toISOString(),
      ...(gone && { prunedAt: now.toISOString() }),
    });
    await releaseLock(this.s, this.site, this.id);
    log.warn(failed ? 'build failed' : 'build had already ended', {
      stage: this.record.failedStage ?? this.record.state,
      filesDeleted: gone,
    });
    return failed ? 'failed' : 'skipped';
  }

  /**
   * The record moved on without this run: tidy up and step aside. If it
   * was ended (the edge's deadline), this run's files and the lock go. If
   * it is still running, another copy of the same event is running it
   * (Lambda delivers an asynchronous event at least once): that copy owns
   * the lock and the files, so nothing is touched.
   */
  async stepAside(): Promise<'skipped'> {
    const current = await getDeploy(this.s, this.site, this.id);
    log.info('build stepping aside: its record moved on', { state: current?.state });
    if (current && isRunning(current)) return 'skipped';
    await this.discardFiles();
    await releaseLock(this.s, this.site, this.id);
    return 'skipped';
  }
}
