export * from './metering/metered.decorator';
export * from './queue/usage-queue';
export * from './quota/quota.service';
export * from './retention/usage-retention.service';
export * from './usage-event';
export * from './usage-recorder.service';
export * from './usage.constants';
export * from './usage.module';
