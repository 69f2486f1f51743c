/** The photos of an enrollment session, in order: facing the camera, then turned a little each way. */
export const ENROLL_POSES = ['frontal', 'turn_left', 'turn_right'] as const;
export type EnrollPose = (typeof ENROLL_POSES)[number];

/**
 * Degrees of head pose (libs/inference headPose, camera view, not mirrored: yaw > 0 is the person's own
 * left). A turn only has to show the face from another side; how far it may go is the quality check's maxYaw.
 */
export const POSE_LIMITS = {
  frontalMaxYawDeg: 12,
  frontalMaxPitchDeg: 20,
  minTurnDeg: 5,
} as const;

export interface PoseProblem {
  check: 'pose';
  step: number;
  pose: EnrollPose;
  yaw: number;
  pitch: number;
  message: string;
}

export const POSE_MESSAGES = {
  frontal: 'Face the camera: look straight into it.',
  level: 'Keep your head level and look straight into the camera.',
  turn_left: 'Turn your head a little to your left.',
  turn_right: 'Turn your head a little to your right.',
} as const;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Why the head pose of a photo does not fit its step, or null. */
export function poseProblem(step: number, measured: { yaw: number; pitch: number }): PoseProblem | null {
  const pose = ENROLL_POSES[step];
  const { yaw, pitch } = measured;
  let message: string | null = null;
  if (pose === 'frontal') {
    if (Math.abs(yaw) > POSE_LIMITS.frontalMaxYawDeg) message = POSE_MESSAGES.frontal;
    else if (Math.abs(pitch) > POSE_LIMITS.frontalMaxPitchDeg) message = POSE_MESSAGES.level;
  } else {
    const turned = pose === 'turn_left' ? yaw : -yaw;
    if (turned < POSE_LIMITS.minTurnDeg) message = POSE_MESSAGES[pose];
  }
  return message ? { check: 'pose', step, pose, yaw: round1(yaw), pitch: round1(pitch), message } : null;
}
