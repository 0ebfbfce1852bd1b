import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { EventContext, EventName, EventPayloads } from '../../src/queue/job-map';
import { OutboxService } from '../../src/queue/outbox.service';

export interface Delivery {
  consumer: string;
  event: EventName;
  eventId: string;
  payload: EventPayloads[EventName];
  attempt: number;
  handledBy: EventContext['processRole'];
  /** When the handler ran (ms since the epoch). */
  at: number;
}

interface RecordingOptions {
  sink: Delivery[];
  event: EventName;
  consumers: string[];
  /** Fail this many first attempts of each delivery (retry drills). */
  failAttempts?: number;
}

const OPTIONS = Symbol('RECORDING_CONSUMERS');

@Injectable()
class RecordingConsumers implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(OPTIONS) private readonly options: RecordingOptions,
  ) {}

  onModuleInit() {
    const { sink, event, consumers, failAttempts = 0 } = this.options;
    for (const consumer of consumers) {
      this.outbox.consume(event, consumer, async (payload, ctx) => {
        if (ctx.attempt <= failAttempts) throw new Error(`${consumer}: planned failure`);
        sink.push({ consumer, event, eventId: ctx.eventId, payload, attempt: ctx.attempt, handledBy: ctx.processRole, at: Date.now() });
      });
    }
  }
}

@Module({})
class RecordingConsumersModule {}

/**
 * Consumers registered by a module the producer knows nothing about (as certificates and statistics
 * will be): every delivery lands in `sink`. Load the same module in the API and in the worker.
 */
export function recordingConsumers(options: RecordingOptions): DynamicModule {
  return { module: RecordingConsumersModule, providers: [{ provide: OPTIONS, useValue: options }, RecordingConsumers] };
}
