/** What the person in front of the camera reads: no scores, thresholds or internal names. */
export const LOGIN_MESSAGES = {
  match: 'You are signed in.',
  no_match: "We couldn't confirm it's you. Look straight at the camera in good light and try again.",
  no_match_final: "We couldn't confirm it's you, and this sign-in has no tries left. Start again or use another way to sign in.",
  no_face: "We couldn't see a face. Centre your face in the frame, with light in front of you, and try again.",
  multiple_faces: 'More than one face is in view. Make sure only you are in front of the camera and try again.',
  face_too_small: 'Your face is too far away. Move closer to the camera and try again.',
} as const;
