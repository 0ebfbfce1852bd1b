import { Injectable, OnModuleInit } from '@nestjs/common';
import { QueueService } from '../../queue/queue.service';
import { DiagnosticsService } from './diagnostics.service';

@Injectable()
export class DiagnosticsProcessor implements OnModuleInit {
  constructor(
    private readonly queue: QueueService,
    private readonly diagnostics: DiagnosticsService,
  ) {}

  onModuleInit() {
    this.queue.register('diagnostics.probe', (payload, ctx) => this.diagnostics.recordProbe(payload, ctx));
  }
}
