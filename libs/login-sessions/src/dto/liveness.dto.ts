import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { LIVENESS_MODES, LivenessMode } from '@faceauth/config';
import { MOVEMENTS, Movement } from '../liveness/challenge';

export class ChallengeStepDto {
  @ApiProperty({ enum: MOVEMENTS, example: 'turn_left', description: 'What the person does in this step: turn_left and turn_right are the person\'s own left and right.' })
  movement: Movement;
  /**
   * Frames to capture while the person performs it, sent in one POST /login-sessions/{id}/frames.
   * @example 3
   */
  frames: number;
  /**
   * Milliseconds the step may take: the first step's from issued_at (it includes starting the camera),
   * each later step's from the arrival of the step before. Later frames fail the check as too slow.
   * @example 10000
   */
  window_ms: number;
}

export class LivenessChallengeDto {
  @ApiProperty({ type: [ChallengeStepDto], description: 'In order: the server decides whether the frames follow them.' })
  steps: ChallengeStepDto[];
  @ApiProperty({ example: ['frame0', 'frame1', 'frame2'], description: 'The file fields of a frames request, in capture order.' })
  frame_fields: string[];
  /**
   * Most frames one frames request may carry (more is a 400).
   * @example 6
   */
  max_frames: number;
  /** @example 2026-12-01T09:00:00.000Z */
  issued_at: string;
}

/** The text field of POST /login-sessions/{id}/frames. */
export class FramesFormDto {
  /**
   * Index of the challenge step these frames are for (0 first); steps are sent in order, once each.
   * @example 0
   */
  @ApiProperty({ type: 'integer', example: 0 })
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'step must be the index of a challenge step (0, 1, ...)' })
  @Min(0)
  @Max(99)
  step: number;
}

export class FramesBodyDto extends FramesFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'First frame of the step (JPEG, PNG or WebP, small); then frame1, frame2, ... as the challenge asks.' })
  frame0: unknown;
}

export class FrameFeedbackDto {
  /**
   * Faces the server found in this frame (the decision needs exactly one in every frame).
   * @example 1
   */
  faces: number;
}

export class FramesResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** @example 0 */
  step: number;
  @ApiProperty({ type: [FrameFeedbackDto] })
  frames: FrameFeedbackDto[];
  @ApiProperty({ type: 'integer', nullable: true, example: 1, description: 'The step to send next; null when every step is in: post the attempt.' })
  next_step: number | null;
}

/** GET /login-sessions/{id}/challenge: what a client given only the session string needs to run it. */
export class SessionChallengeResponseDto {
  @ApiProperty({ example: true })
  success: true;
  @ApiProperty({ enum: LIVENESS_MODES, example: 'active' })
  mode: LivenessMode;
  @ApiProperty({ nullable: true, type: LivenessChallengeDto, description: 'The challenge of the next attempt (active mode); null when liveness is off.' })
  challenge: LivenessChallengeDto | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 0, description: 'The step to send next; null when every step is in (post the attempt) or liveness is off.' })
  next_step: number | null;
  /** @example 3 */
  attempts_left: number;
}
