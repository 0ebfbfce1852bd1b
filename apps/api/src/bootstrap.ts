import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule, AppModuleOptions } from './app.module';
import { sendApiError } from './common/all-exceptions.filter';
import { createLogger, PinoNestLogger } from './common/logger';
import { genRequestId } from './common/request-id';
import { AppConfig } from './config/config';
import { QueueService } from './queue/queue.service';
import { RATE_LIMIT_STORE, RateLimitStore } from './common/rate-limiter';
import { ErrorCode } from '@bdhv/contracts';
import { AppException } from './common/app-exception';
import { handleClientError } from './common/http/client-errors';
import { enforceContentTypes } from './common/http/content-types';
import { assertPathParamsDeclared } from './common/http/path-params';

export interface Booted<T> {
  app: T;
  logger: Logger;
  /** `METHOD /url` of every HTTP route registered (empty for the worker). */
  routes: string[];
  /** Stops taking work, lets in-flight requests and jobs finish, then releases connections. */
  shutdown: (signal?: string) => Promise<void>;
}

/**
 * Errors Fastify raises before routing (malformed or oversized bodies) reach only Fastify's error
 * handler. Nest's would turn them into bare HttpExceptions and lose their codes, so ours takes its place.
 */
class ApiFastifyAdapter extends FastifyAdapter {
  override setErrorHandler() {
    return this.getInstance().setErrorHandler((error, request, reply) => sendApiError(error, request, reply));
  }
}

/** What a process loads besides the application's own modules. */
export interface BootOptions {
  modules?: AppModuleOptions['modules'];
}

export async function createHttpApp(config: AppConfig, logger = createLogger(config), options: BootOptions = {}): Promise<Booted<NestFastifyApplication>> {
  const adapter = new ApiFastifyAdapter({
    loggerInstance: logger,
    genReqId: genRequestId,
    requestIdHeader: false,
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    // Fastify's own 503 while closing has its own shape: the onRequest hook below answers instead.
    return503OnClosing: false,
    // Broken percent-encoding and over-long path parameters are refused by the router, before any
    // hook runs; Node's HTTP parser refuses oversized headers (a 20 KB query string) before Fastify.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendApiError(error, request, reply),
    clientErrorHandler: handleClientError,
  });
  const fastify = adapter.getInstance();
  const routes: string[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
    if (route.url.startsWith('/api/')) assertPathParamsDeclared(route);
  });
  let closing = false;
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) {
      reply.header('connection', 'close');
      throw new AppException(503, ErrorCode.SERVICE_UNAVAILABLE, 'Máy chủ đang khởi động lại. Vui lòng thử lại sau giây lát.');
    }
  });
  fastify.addHook('onRequest', enforceContentTypes);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config, role: 'api', logger, modules: options.modules }), adapter, {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    bufferLogs: false,
    // The API reads JSON, and the upload types below where routes declare them; Nest's parsers
    // (which include HTML form encoding) stay off, and Fastify's own JSON and text parsers make way
    // for ones that refuse bodies that are not UTF-8 (RFC 8259) instead of decoding them lossily.
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  const jsonParser = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: config.http.bodyLimit }, (request, body, done) => {
    if (!isUtf8(body as Buffer)) return done(new AppException(400, ErrorCode.MALFORMED_JSON, 'Nội dung JSON phải được mã hóa UTF-8.'), undefined);
    jsonParser(request, (body as Buffer).toString('utf8'), done);
  });

  // tus PATCH bodies stream straight to disk (media module): Fastify must leave them unread.
  fastify.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  // WebVTT captions arrive as text.
  fastify.addContentTypeParser('text/vtt', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
    if (!isUtf8(body as Buffer)) return done(new AppException(400, ErrorCode.BAD_REQUEST, 'Tệp phụ đề phải được mã hóa UTF-8.'), undefined);
    done(null, (body as Buffer).toString('utf8'));
  });
  await app.register(fastifyCookie);
  // JSON answers of 1 kB and more are compressed (lists, course outlines: learners are on weak mobile
  // lines). Small answers such as heartbeats are not worth the CPU; video, images and PDFs are not
  // compressible types; the built web app is compressed ahead of time (see preCompressed below).
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
  // File uploads (imports, course images, attachments): left unread here; the route streams the
  // one file into storage (common/http/multipart-upload.ts), with its own limits.
  fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and Swagger UI set inline styles; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        // video.js transmuxes HLS segments in a worker it creates from a blob: URL.
        workerSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  const webDist = config.http.webDistDir;
  if (webDist && fs.existsSync(webDist)) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      // The web build writes .br and .gz beside each file (apps/web/scripts/precompress.mjs).
      preCompressed: true,
      setHeaders: (reply: { header(name: string, value: string): unknown }, filePath: string) => {
        // Vite fingerprints everything under assets/; index.html must always be revalidated.
        reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else if (webDist) {
    logger.warn({ webDist }, 'web app not built; only the API is served (run `npm run build`)');
  }

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bình dân học vụ số API')
      .setDescription('Every error has the shape { statusCode, code, message, errors?, requestId }.')
      .setVersion(config.version)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(openApi), { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  return {
    app,
    logger,
    routes,
    shutdown: shutdownSequence(app, logger, config, () => {
      closing = true;
    }),
  };
}

export async function createWorkerApp(config: AppConfig, logger = createLogger(config, 'worker'), options: BootOptions = {}): Promise<Booted<INestApplicationContext>> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, role: 'worker', logger, modules: options.modules }), {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
  });
  await app.init();
  return { app, logger, routes: [], shutdown: shutdownSequence(app, logger, config, null) };
}

/** `stopHttp`: for the API, marks it closing (new requests get 503) before the server closes. */
function shutdownSequence(app: INestApplicationContext, logger: Logger, config: AppConfig, stopHttp: (() => void) | null) {
  let running: Promise<void> | null = null;
  return (signal?: string) => {
    running ??= (async () => {
      logger.info({ signal }, 'shutting down: finishing in-flight work');
      if (stopHttp) {
        stopHttp();
        // Stops accepting connections and waits for in-flight requests to be answered.
        await (app as NestFastifyApplication).getHttpAdapter().getInstance().close();
      }
      await app.get(QueueService).shutdown(config.shutdownTimeoutMs);
      await app.close();
      await app.get<RateLimitStore>(RATE_LIMIT_STORE).close();
      logger.info('shutdown complete');
    })();
    return running;
  };
}

/** SIGTERM/SIGINT run the shutdown sequence once; a stuck shutdown is cut off after the timeout. */
export function handleSignals(booted: Booted<unknown>, timeoutMs: number): void {
  const onSignal = (signal: NodeJS.Signals) => {
    const timer = setTimeout(() => {
      booted.logger.error({ timeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs + 2000);
    timer.unref();
    booted.shutdown(signal).then(
      () => process.exit(0),
      (err) => {
        booted.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
