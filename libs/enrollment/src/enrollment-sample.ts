import type { FaceQuality } from '@faceauth/inference';

/** What an enrollment keeps of one photo: its template and the measures the rules decide on (never the photo). */
export interface EnrollmentSample {
  /** Where the photo came from, named in error details (a form field, or an enrollment session's step). */
  field: string;
  embedding: Float32Array;
  quality: FaceQuality;
  /** Detector probability of the face, 0..1. */
  detectorScore: number;
  /** Informational anti-spoof score, 0..1; null when not computed. */
  liveness: number | null;
}

/** Whom the samples are enrolled under, and whether they replace the stored ones. */
export interface EnrollmentTarget {
  name: string;
  replace?: boolean;
}
