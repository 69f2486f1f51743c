export * from './widget.module';
