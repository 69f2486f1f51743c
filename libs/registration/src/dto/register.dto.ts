import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, Length, Matches, MaxLength } from 'class-validator';
import { normalizeEmail } from '@faceauth/accounts';
import { displayNamePattern } from '@faceauth/common';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  /**
   * The developer's email address; stored lower-cased, Unicode-normalised (NFC) and unique.
   * @example dev@company.com
   */
  @Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value))
  @IsString()
  @IsEmail()
  @MaxLength(254)
  email: string;

  /**
   * Display name of the developer or company: 1-100 characters, at least one visible; no control,
   * zero-width or bidirectional-control characters.
   * @example "John Doe"
   */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @Length(1, 100)
  @Matches(displayNamePattern(100), { message: 'name must be visible text without control, zero-width or bidirectional-control characters' })
  name: string;
}

export class AccountDto {
  /** @example 1 */
  id: number;
  /**
   * The account's public id: the `aud` of its login tokens.
   * @example acct_5f0c2a9b7d3e4f1a8c6b2d90
   */
  public_id: string;
  /** @example dev@company.com */
  email: string;
  /** @example "John Doe" */
  name: string;
  @ApiProperty({ enum: ['free', 'pro', 'enterprise'], example: 'free' })
  plan: string;
}

export class RegisterResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /**
   * The secret API key (every route; keep it on your server). Shown once: only its hash is stored.
   * @example fa_Jx3kP9wq2mVbT7yZs1cR8dLh4nF6gA0eU5oI2tKwXqE
   */
  api_key: string;
  /**
   * A publishable key (only starts login sessions; safe in a web page). Shown once.
   * @example fa_pub_Qm7vN2xR5tY8uI1oP4aS6dF9gH3jK0lZcXbVnM2qW4e
   */
  publishable_key: string;
  user: AccountDto;
}
