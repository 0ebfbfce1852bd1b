/**
 * The real API (or worker) as a child process for test/outbox-faults.int-spec.ts, plus two consumers
 * of `learning.course_completed` that count their deliveries in `fault_deliveries` (a table the spec
 * creates). Usage: node -r @swc-node/register test/helpers/outbox-fault-app.ts api|worker
 */
import 'reflect-metadata';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createHttpApp, createWorkerApp, handleSignals } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { OutboxService } from '../../src/queue/outbox.service';

/** Named by the spec (FAULT_CONSUMERS=a,b), so that it never has to import this file. */
const FAULT_CONSUMERS = (process.env.FAULT_CONSUMERS ?? '').split(',').filter(Boolean);

@Injectable()
class CountingConsumers implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit() {
    for (const consumer of FAULT_CONSUMERS) {
      this.outbox.consume('learning.course_completed', consumer, async (payload, ctx) => {
        // Counts every delivery, so that the spec sees a duplicate rather than having it absorbed.
        await this.db.query(
          'INSERT INTO fault_deliveries (eventId, consumer, enrolmentId, deliveries) VALUES (?, ?, ?, 1) ON DUPLICATE KEY UPDATE deliveries = deliveries + 1',
          [ctx.eventId, consumer, payload.enrolmentId],
        );
      });
    }
  }
}

@Module({ providers: [CountingConsumers] })
class CountingConsumersModule {}

async function main(role: string | undefined) {
  const config = loadConfig();
  const modules = [CountingConsumersModule];
  if (role === 'api') {
    const booted = await createHttpApp(config, undefined, { modules });
    handleSignals(booted, config.shutdownTimeoutMs);
    await booted.app.listen({ host: '127.0.0.1', port: config.port });
  } else if (role === 'worker') {
    const booted = await createWorkerApp(config, undefined, { modules });
    handleSignals(booted, config.shutdownTimeoutMs);
  } else {
    throw new Error('usage: outbox-fault-app.ts api|worker');
  }
  process.stdout.write(`ready ${role}\n`);
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
