/** What the person in front of the camera reads (the widget shows `error.message`): no scores or thresholds. */
export const ENROLL_MESSAGES = {
  NO_FACE: "We couldn't see a face. Centre your face in the frame, with light in front of you, and try again.",
  MULTIPLE_FACES: 'More than one face is in view. Make sure only you are in front of the camera and try again.',
  FACE_TOO_SMALL: 'Your face is too far away. Move closer to the camera and try again.',
  sharpness: 'The picture is blurred. Hold still and try again.',
  dark: 'The picture is too dark. Face a window or a lamp and try again.',
  bright: 'The picture is too bright. Move out of direct light and try again.',
  yaw: 'You turned too far. Turn your head back a little towards the camera.',
  ENROLL_MISMATCH: "The photos didn't all look like the same person. Let's take them again, starting with the first one.",
  ENROLL_MISMATCH_FINAL: "The photos didn't all look like the same person, and this enrollment has no tries left. Start a new one.",
  IDENTITY_MISMATCH: "These photos don't match the face already enrolled for this account. This enrollment is closed.",
  expired: 'This enrollment has expired. Start a new one.',
  enrolled: 'This enrollment is complete: your face is enrolled.',
  failed: 'This enrollment is closed. Start a new one.',
  enrolling: 'The last photo is being enrolled. Wait for its answer.',
} as const;
