export * from './enrollment.module';
export * from './enrolled-faces.service';
export * from './enrolled-name';
export * from './face-templates';
export * from './match-rule';
export * from './entities/enrolled-user.entity';
export * from './entities/face-sample.entity';
