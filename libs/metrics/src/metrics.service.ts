import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfig } from '@faceauth/config';
import { InferenceObserver, InferenceService, pixelKernelsFor, StageTimings } from '@faceauth/inference';
import { LoginMetrics } from '@faceauth/login-sessions';
import { UsageQueue } from '@faceauth/usage';

/** Seconds: from a fast JSON route (a millisecond) to a slow enroll of three big photos (seconds). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds of a photo on its worker thread, or around it: a tenth of a millisecond (a hand-off) to seconds (a queue). */
const PHOTO_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Seconds per inference stage: 1 ms (align) to about a second (decode of a 40 MP photo). */
const STAGE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * The application's Prometheus metrics, in a registry of its own (tests boot several applications in one
 * process). HTTP figures come from the metrics middleware; inference and login figures from the observers
 * those libraries declare; gauges are read at scrape time.
 */
@Injectable()
export class MetricsService implements InferenceObserver, LoginMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'faceauth_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'faceauth_http_request_duration_seconds',
    help: 'Time from request to the end of its response, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'faceauth_http_errors_total',
    help: 'Error responses by contract error code (NO_FACE, RATE_LIMIT, ...)',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly stages = new Histogram({
    name: 'faceauth_inference_stage_duration_seconds',
    help: 'Time per inference stage of each photo (decode, detect, landmarks, align, embed, liveness; *Model: the bare ONNX runs)',
    labelNames: ['stage'],
    buckets: STAGE_BUCKETS,
    registers: [this.registry],
  });
  private readonly photos = new Histogram({
    name: 'faceauth_inference_photo_seconds',
    help: 'Time of each photo handed to the inference threads, by phase: run (on its thread), wait (queued for a free thread, the hand-offs between threads, the event loop taking the result)',
    labelNames: ['phase'],
    buckets: PHOTO_BUCKETS,
    registers: [this.registry],
  });
  private readonly templates = new Counter({
    name: 'faceauth_inference_templates_total',
    help: 'Face templates made, by recogniser passes: both (crop and mirror), or first (a clear verify match decided on the first pass, MATCH_EARLY_MARGIN)',
    labelNames: ['passes'],
    registers: [this.registry],
  });
  private readonly sessions = new Counter({
    name: 'faceauth_login_sessions_started_total',
    help: 'Login sessions started, by liveness mode',
    labelNames: ['liveness'],
    registers: [this.registry],
  });
  private readonly attempts = new Counter({
    name: 'faceauth_login_attempts_total',
    help: 'Login attempts decided, by outcome (match, no_match, no_face, liveness_failed)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  /** The engine is looked up at scrape time: it observes this service, so the constructor cannot take it. */
  constructor(moduleRef: ModuleRef, usage: UsageQueue, config: AppConfig) {
    const engine = () => moduleRef.get(InferenceService, { strict: false });
    collectDefaultMetrics({ register: this.registry, prefix: 'faceauth_' });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('faceauth_inference_queue_depth', 'Photos waiting for a free inference thread', () => engine().load.queued);
    gauge('faceauth_inference_admitted_requests', 'Requests holding a place in the inference queue (running or waiting)', () => engine().load.admitted);
    gauge('faceauth_inference_queue_limit', 'Most requests that may hold a place (INFERENCE_MAX_QUEUE); one more gets 503', () => engine().load.maxQueue);
    gauge('faceauth_inference_workers', 'Inference worker threads', () => engine().load.workers);
    gauge('faceauth_inference_worker_utilization', 'Share of the worker threads\' time spent on photos since start (0-1)', () => engine().load.utilization);
    gauge('faceauth_inference_models_loaded', '1 when the face models are loaded', () => (engine().modelsLoaded ? 1 : 0));
    // What the inference workers select from the same config and the same addon file.
    const kernels = pixelKernelsFor(config.inference.pixelKernels).kernels.kind;
    gauge('faceauth_inference_native_kernels', '1 when the C++ pixel kernels run; 0: the JavaScript ones (same results, slower; INFERENCE_PIXEL_KERNELS, the start-up warning)', () => (kernels === 'native' ? 1 : 0));
    gauge('faceauth_usage_events_buffered', 'Usage events accepted and not yet queued (Redis) or recorded (in-process)', () => usage.pending());
    gauge('faceauth_usage_lag_seconds', 'Age of the oldest buffered usage event: how far the usage records lag', () => usage.lagSeconds());
  }

  observeHttp(method: string, route: string, status: number, seconds: number, errorCode: string | undefined): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
    if (errorCode) this.errors.inc({ code: errorCode });
  }

  observeStages(timings: StageTimings): void {
    for (const [stage, ms] of Object.entries(timings)) if (typeof ms === 'number') this.stages.observe({ stage }, ms / 1000);
  }

  observeTemplate(mirrorPass: boolean): void {
    this.templates.inc({ passes: mirrorPass ? 'both' : 'first' });
  }

  observePhoto(runMs: number, waitMs: number): void {
    this.photos.observe({ phase: 'run' }, runMs / 1000);
    this.photos.observe({ phase: 'wait' }, waitMs / 1000);
  }

  sessionStarted(liveness: string): void {
    this.sessions.inc({ liveness });
  }

  attemptFinished(outcome: string): void {
    this.attempts.inc({ outcome });
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
