export * from './match-rule';
export * from './template-match';
export * from './enrollment-rules';
export * from './face-templates';
export * from './early-match';
export * from './compare-samples';
