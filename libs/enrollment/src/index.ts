export * from './enrollment.module';
export * from './enrolled-faces.service';
export * from './enrolled-name';
export * from './entities/enrolled-user.entity';
export * from './entities/face-sample.entity';
export * from './enroll.service';
export * from './enrollment-sample';
export * from './dto/enroll.dto';
