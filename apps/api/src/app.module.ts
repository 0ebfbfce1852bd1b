import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ZodValidationPipe } from 'nestjs-zod';
import type { Logger } from 'pino';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { AuthGuard } from './common/auth.guard';
import { PathParamsGuard } from './common/http/path-params';
import { SpaIndex } from './common/spa-index';
import { LOGGER, PROCESS_ROLE } from './common/tokens';
import { APP_CONFIG, AppConfig } from './config/config';
import { appDataSourceOptions } from './entities';
import { MemoryRateLimitStore, RATE_LIMIT_STORE, RedisRateLimitStore } from './common/rate-limiter';
import { SecretsService } from './common/secrets.service';
import { AccessTokenService } from './common/access-token.service';
import { AccessPolicy } from './common/access/access-policy';
import { CallerStateService } from './common/access/caller-state.service';
import { FILE_STORAGE } from './common/storage/file-storage';
import { LocalDiskStorage } from './common/storage/local-disk.storage';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CoursesModule } from './modules/courses/courses.module';
import { EnrolmentsModule } from './modules/enrolments/enrolments.module';
import { ProgressModule } from './modules/progress/progress.module';
import { DiagnosticsModule } from './modules/diagnostics/diagnostics.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { HealthModule } from './modules/health/health.module';
import { ImportsModule } from './modules/imports/imports.module';
import { MediaModule } from './modules/media/media.module';
import { OrgUnitsModule } from './modules/org-units/org-units.module';
import { UsersModule } from './modules/users/users.module';
import { TelemetryModule } from './modules/telemetry/telemetry.module';
import { QueueModule } from './queue/queue.module';
import type { ProcessRole } from './queue/job-map';

export interface AppModuleOptions {
  config: AppConfig;
  role: ProcessRole;
  logger: Logger;
  /** Further modules loaded like the domain modules (tests add event consumers this way). */
  modules?: Array<Type | DynamicModule>;
}

/** Domain modules that hold job processors: loaded by both the API and the worker. */
const domainModules = [AuditModule, NotificationsModule, DiagnosticsModule, ImportsModule, MediaModule, EnrolmentsModule, ProgressModule];
/** Modules that only serve HTTP. */
const httpModules = [HealthModule, TelemetryModule, AuthModule, OrgUnitsModule, UsersModule, CoursesModule];

@Global()
@Module({})
export class AppModule {
  static forRoot({ config, role, logger, modules = [] }: AppModuleOptions): DynamicModule {
    const core = [
      { provide: APP_CONFIG, useValue: config },
      { provide: PROCESS_ROLE, useValue: role },
      { provide: LOGGER, useValue: logger },
      SecretsService,
      AccessTokenService,
      CallerStateService,
      AccessPolicy,
      // Local disk today; an S3-compatible driver would be chosen here from the configuration.
      { provide: FILE_STORAGE, useFactory: () => new LocalDiskStorage(config.storageDir) },
      {
        provide: RATE_LIMIT_STORE,
        useFactory: () => (config.queue.redisUrl ? new RedisRateLimitStore(config.queue.redisUrl, config.queue.prefix) : new MemoryRateLimitStore()),
      },
    ];
    const http =
      role === 'api'
        ? [
            { provide: APP_GUARD, useClass: AuthGuard },
            // After authentication (anonymous callers get 401 first), before any pipe or handler.
            { provide: APP_GUARD, useClass: PathParamsGuard },
            { provide: APP_PIPE, useClass: ZodValidationPipe },
            { provide: APP_FILTER, useFactory: () => new AllExceptionsFilter(SpaIndex.load(config.http.webDistDir)) },
          ]
        : [];
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(appDataSourceOptions(config)),
        QueueModule,
        ...domainModules,
        ...(role === 'api' ? httpModules : []),
        ...modules,
      ],
      providers: [...core, ...http],
      exports: core.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
