import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DiagnosticsProcessor } from './diagnostics.processor';
import { DiagnosticsService } from './diagnostics.service';
import { QueueProbe } from './queue-probe.entity';

@Module({
  imports: [TypeOrmModule.forFeature([QueueProbe])],
  providers: [DiagnosticsService, DiagnosticsProcessor],
  exports: [DiagnosticsService],
})
export class DiagnosticsModule {}
