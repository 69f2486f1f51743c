import { ApiProperty, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { KEY_KINDS, KeyKind } from '../api-key.crypto';

/** An exact origin, `scheme://host[:port]`, http or https, with no path: what browsers send in `Origin`. */
@ValidatorConstraint({ name: 'isOrigin' })
export class IsOriginConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length > 255) return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'each allowed origin must be an exact origin such as https://shop.example.com or http://localhost:3000 (scheme, host and optional port; no path or trailing slash)';
  }
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateKeyDto {
  @ApiProperty({ enum: KEY_KINDS, example: 'publishable', description: 'secret: every route, for your server. publishable: only POST /login-sessions, safe in a web page.' })
  @IsIn(KEY_KINDS)
  kind: KeyKind;

  /**
   * Your label for the key.
   * @example "storefront login widget"
   */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;

  /**
   * Publishable keys only: the exact origins a request must come from (its `Origin` header). Empty or absent: any origin.
   * @example ["https://shop.example.com"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Validate(IsOriginConstraint, { each: true })
  allowed_origins?: string[];
}

/** The changeable fields of a key: its name, and a publishable key's origins (an empty list allows any origin). */
export class UpdateKeyDto extends PickType(CreateKeyDto, ['name', 'allowed_origins'] as const) {}

export class KeyDto {
  /** @example 12 */
  id: number;
  @ApiProperty({ enum: KEY_KINDS, example: 'publishable' })
  kind: KeyKind;
  /** @example "storefront login widget" */
  name: string | null;
  /**
   * The key, masked.
   * @example fa_pub_Jx3k...XqE9
   */
  key: string;
  /** @example ["https://shop.example.com"] */
  allowed_origins: string[];
  /** @example 2026-12-01T09:00:00.000Z */
  created_at: string;
  /**
   * When the key was last used (to the minute).
   * @example 2026-12-01T09:30:00.000Z
   */
  last_used_at: string | null;
  /** @example null */
  revoked_at: string | null;
}

export class KeysListResponseDto {
  @ApiProperty({ example: true })
  success: true;
  keys: KeyDto[];
}

export class CreateKeyResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /**
   * The full key. Shown once: only its hash is stored.
   * @example fa_pub_Jx3kP9wq2mVbT7yZs1cR8dLh4nF6gA0eU5oI2tKwXqE
   */
  api_key: string;
  key: KeyDto;
}

export class KeyResponseDto {
  @ApiProperty({ example: true })
  success: true;
  key: KeyDto;
}
