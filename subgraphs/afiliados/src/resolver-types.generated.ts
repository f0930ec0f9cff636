// Generated from schema.graphql by `npm run codegen`: do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Afiliado as AfiliadoModel } from './generated/prisma/client.js';
import type { ComandoAceptado as ComandoAceptadoModel } from '@alpes/service-kit';
import type { AfiliadosContext } from './read/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date | string; }
  /** Exact decimal number serialised as a string, e.g. "120.50". */
  Decimal: { input: import('decimal.js').Decimal; output: string | { toFixed(decimalPlaces: number): string }; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type ActualizarAfiliadoInput = {
  comisionBase?: InputMaybe<Scalars['Decimal']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  /** SUSPENDIDO suspends the affiliate; ACTIVO reactivates them. */
  estado?: InputMaybe<EstadoAfiliado>;
  nombre?: InputMaybe<Scalars['String']['input']>;
  /** null clears the phone number. */
  telefono?: InputMaybe<Scalars['String']['input']>;
  tipoAfiliacion?: InputMaybe<TipoAfiliacion>;
};

/** An affiliate who promotes campaigns and earns commissions. */
export type Afiliado = {
  __typename?: 'Afiliado';
  /** Base commission percentage (0–100). */
  comisionBase: Scalars['Decimal']['output'];
  creadoEn: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  estado: EstadoAfiliado;
  id: Scalars['ID']['output'];
  nombre: Scalars['String']['output'];
  telefono: Maybe<Scalars['String']['output']>;
  tipoAfiliacion: TipoAfiliacion;
};

export type AfiliadoConnection = {
  __typename?: 'AfiliadoConnection';
  nodes: Array<Afiliado>;
  pageInfo: PageInfo;
  /** A COUNT over the whole list: costs 1 in the demand-control estimate. */
  totalCount: Scalars['Int']['output'];
};

/** A command was queued. Its outcome arrives on the subscription comando(correlationId). */
export type ComandoAceptado = {
  __typename?: 'ComandoAceptado';
  aceptadoEn: Scalars['DateTime']['output'];
  correlationId: Scalars['ID']['output'];
  /** The id the new or affected entity has. */
  id: Scalars['ID']['output'];
};

export type EstadoAfiliado =
  | 'ACTIVO'
  | 'SUSPENDIDO';

export type FiltroAfiliados = {
  /** Case-insensitive match on name or email. */
  busqueda?: InputMaybe<Scalars['String']['input']>;
  estado?: InputMaybe<EstadoAfiliado>;
  tipoAfiliacion?: InputMaybe<TipoAfiliacion>;
};

/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Queues ActualizarAfiliado: only the fields given change (telefono: null clears it). At least one field is required. */
  actualizarAfiliado: ComandoAceptado;
  /** Queues RegistrarAfiliado: the affiliate starts ACTIVO. id in the answer is the new affiliate's id. An email already registered is rejected. */
  registrarAfiliado: ComandoAceptado;
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationActualizarAfiliadoArgs = {
  id: Scalars['ID']['input'];
  input: ActualizarAfiliadoInput;
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationRegistrarAfiliadoArgs = {
  input: RegistrarAfiliadoInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One affiliate by id; null when it does not exist (or, for an affiliate user, is not its own). */
  afiliado: Maybe<Afiliado>;
  /** Affiliates in registration order. first is at most 100. An affiliate user sees only itself. */
  afiliados: AfiliadoConnection;
};


export type QueryAfiliadoArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAfiliadosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filtro?: InputMaybe<FiltroAfiliados>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RegistrarAfiliadoInput = {
  /** Between 0 and 100, at most 2 decimals. */
  comisionBase: Scalars['Decimal']['input'];
  /** Unique among affiliates; stored in lower case. */
  email: Scalars['String']['input'];
  /** 1 to 200 characters. */
  nombre: Scalars['String']['input'];
  /** Digits, spaces, +, - and parentheses; 7 to 20 characters. */
  telefono?: InputMaybe<Scalars['String']['input']>;
  tipoAfiliacion: TipoAfiliacion;
};

export type TipoAfiliacion =
  | 'PREMIUM'
  | 'STANDARD';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Afiliado: Afiliado;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Afiliado:
    ( { __typename: 'Afiliado' }
    & GraphQLRecursivePick<FederationTypes['Afiliado'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ActualizarAfiliadoInput: ActualizarAfiliadoInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Afiliado: ResolverTypeWrapper<AfiliadoModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AfiliadoConnection: ResolverTypeWrapper<import('@alpes/platform').Connection<import('./generated/prisma/client.js').Afiliado>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ComandoAceptado: ResolverTypeWrapper<ComandoAceptadoModel>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  EstadoAfiliado: EstadoAfiliado;
  FiltroAfiliados: FiltroAfiliados;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegistrarAfiliadoInput: RegistrarAfiliadoInput;
  TipoAfiliacion: TipoAfiliacion;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ActualizarAfiliadoInput: ActualizarAfiliadoInput;
  String: Scalars['String']['output'];
  Afiliado: AfiliadoModel;
  ID: Scalars['ID']['output'];
  AfiliadoConnection: import('@alpes/platform').Connection<import('./generated/prisma/client.js').Afiliado>;
  Int: Scalars['Int']['output'];
  ComandoAceptado: ComandoAceptadoModel;
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  FiltroAfiliados: FiltroAfiliados;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  RegistrarAfiliadoInput: RegistrarAfiliadoInput;
};

export type AfiliadoResolvers<ContextType = AfiliadosContext, ParentType extends ResolversParentTypes['Afiliado'] = ResolversParentTypes['Afiliado'], FederationReferenceType extends FederationReferenceTypes['Afiliado'] = FederationReferenceTypes['Afiliado']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Afiliado']> | FederationReferenceType, FederationReferenceType, ContextType>;
  comisionBase?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  creadoEn?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  estado?: Resolver<ResolversTypes['EstadoAfiliado'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nombre?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  telefono?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tipoAfiliacion?: Resolver<ResolversTypes['TipoAfiliacion'], ParentType, ContextType>;
};

export type AfiliadoConnectionResolvers<ContextType = AfiliadosContext, ParentType extends ResolversParentTypes['AfiliadoConnection'] = ResolversParentTypes['AfiliadoConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Afiliado']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ComandoAceptadoResolvers<ContextType = AfiliadosContext, ParentType extends ResolversParentTypes['ComandoAceptado'] = ResolversParentTypes['ComandoAceptado']> = {
  aceptadoEn?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  correlationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type MutationResolvers<ContextType = AfiliadosContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  actualizarAfiliado?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationActualizarAfiliadoArgs, 'id' | 'input'>>;
  registrarAfiliado?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationRegistrarAfiliadoArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = AfiliadosContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AfiliadosContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  afiliado?: Resolver<Maybe<ResolversTypes['Afiliado']>, ParentType, ContextType, RequireFields<QueryAfiliadoArgs, 'id'>>;
  afiliados?: Resolver<ResolversTypes['AfiliadoConnection'], ParentType, ContextType, RequireFields<QueryAfiliadosArgs, 'first'>>;
};

export type Resolvers<ContextType = AfiliadosContext> = {
  Afiliado?: AfiliadoResolvers<ContextType>;
  AfiliadoConnection?: AfiliadoConnectionResolvers<ContextType>;
  ComandoAceptado?: ComandoAceptadoResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

