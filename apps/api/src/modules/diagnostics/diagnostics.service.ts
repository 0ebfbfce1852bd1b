import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { JobContext, JobPayloads } from '../../queue/job-map';
import { QueueProbe } from './queue-probe.entity';

@Injectable()
export class DiagnosticsService {
  constructor(@InjectRepository(QueueProbe) private readonly probes: Repository<QueueProbe>) {}

  /** Idempotent: a probe that already landed is left as it is when the job runs again. */
  async recordProbe(payload: JobPayloads['diagnostics.probe'], ctx: JobContext): Promise<void> {
    if (payload.failAttempts && ctx.attempt <= payload.failAttempts) {
      throw new Error(`probe ${payload.probeId}: planned failure on attempt ${ctx.attempt}`);
    }
    if (payload.holdMs) await new Promise((r) => setTimeout(r, payload.holdMs));
    await this.probes
      .createQueryBuilder()
      .insert()
      .values({ id: payload.probeId, attempts: ctx.attempt, handledBy: ctx.processRole, completedAt: new Date() })
      .orIgnore()
      .execute();
  }

  findProbe(id: string): Promise<QueueProbe | null> {
    return this.probes.findOneBy({ id });
  }
}
