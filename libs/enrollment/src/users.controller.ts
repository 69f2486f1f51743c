import { Controller, Delete, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiKeyAuth, Auth, AuthContext, ValidationError } from '@faceauth/common';
import {
  DeleteSampleResponseDto,
  DeleteUserResponseDto,
  ListUsersQueryDto,
  UserListResponseDto,
  UserResponseDto,
} from './dto/users.dto';
import { UsersService } from './users.service';

const NAME_PARAM = { name: 'name', description: 'The enrolled name, URL-encoded (e.g. `Jos%C3%A9`)', example: '101' };
const sampleIdPipe = new ParseIntPipe({ exceptionFactory: () => new ValidationError('Sample id must be an integer', { fields: { id: ['must be an integer'] } }) });

@ApiTags('Enrolled users')
@ApiKeyAuth()
@ApiErrors('NOT_FOUND')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List the users enrolled by your account', description: 'Oldest first; pass `next_cursor` as `cursor` for the next page.' })
  @ApiOkResponse({ type: UserListResponseDto })
  @ApiErrors('VALIDATION_ERROR')
  list(@Auth() auth: AuthContext, @Query() query: ListUsersQueryDto): Promise<UserListResponseDto> {
    return this.users.list(auth, query);
  }

  @Get(':name')
  @ApiOperation({ summary: 'One enrolled user with its face samples', description: 'The samples oldest first, with their detector and liveness scores (templates only: photos are never stored).' })
  @ApiParam(NAME_PARAM)
  @ApiOkResponse({ type: UserResponseDto })
  get(@Auth() auth: AuthContext, @Param('name') name: string): Promise<UserResponseDto> {
    return this.users.get(auth, name);
  }

  @Delete(':name')
  @ApiOperation({ summary: 'Delete an enrolled user and every face template', description: 'The erasure a data subject can ask for.' })
  @ApiParam(NAME_PARAM)
  @ApiOkResponse({ type: DeleteUserResponseDto })
  deleteUser(@Auth() auth: AuthContext, @Param('name') name: string): Promise<DeleteUserResponseDto> {
    return this.users.deleteUser(auth, name);
  }

  @Delete(':name/samples/:id')
  @ApiOperation({ summary: 'Delete one face sample', description: 'Deleting the last sample deletes the user.' })
  @ApiParam(NAME_PARAM)
  @ApiParam({ name: 'id', description: 'Sample id from GET /users/{name}', example: 7 })
  @ApiOkResponse({ type: DeleteSampleResponseDto })
  @ApiErrors('VALIDATION_ERROR')
  deleteSample(@Auth() auth: AuthContext, @Param('name') name: string, @Param('id', sampleIdPipe) id: number): Promise<DeleteSampleResponseDto> {
    return this.users.deleteSample(auth, name, id);
  }
}
