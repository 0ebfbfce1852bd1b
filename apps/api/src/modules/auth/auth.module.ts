import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { TokenService } from './token.service';

@Global()
@Module({ controllers: [AuthController, OidcController], providers: [AuthService, TokenService, OidcService], exports: [AuthService, TokenService] })
export class AuthModule {}
