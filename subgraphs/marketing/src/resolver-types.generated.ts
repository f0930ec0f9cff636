// Generated from schema.graphql by `npm run codegen`: do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Campana as CampanaModel, Comision as ComisionModel, CampanaHistorial as CampanaHistorialModel, ComisionHistorial as ComisionHistorialModel } from './generated/prisma/client.js';
import type { ComandoAceptado as ComandoAceptadoModel } from '@alpes/service-kit';
import type { MarketingContext } from './read/context.js';
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
  Date: { input: Date; output: Date | string; }
  DateTime: { input: Date; output: Date | string; }
  /** Exact decimal number serialised as a string, e.g. "120.50". */
  Decimal: { input: import('decimal.js').Decimal; output: string | { toFixed(decimalPlaces: number): string }; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Afiliado = {
  __typename?: 'Afiliado';
  /** Campaigns this affiliate is assigned to. */
  campanas: Array<Campana>;
  /** This affiliate's commissions. first is at most 100. */
  comisiones: ComisionConnection;
  id: Scalars['ID']['output'];
};


export type AfiliadoComisionesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  estado?: InputMaybe<EstadoComision>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One state change of a campaign, recorded in the transaction that made it. */
export type CambioEstadoCampana = {
  __typename?: 'CambioEstadoCampana';
  correlationId: Scalars['ID']['output'];
  en: Scalars['DateTime']['output'];
  estado: EstadoCampana;
  motivo: Maybe<Scalars['String']['output']>;
  /** The subject (sub) of the identity that issued the command; null when no identity did. */
  por: Maybe<Scalars['String']['output']>;
};

/** One state change of a commission, recorded in the transaction that made it. */
export type CambioEstadoComision = {
  __typename?: 'CambioEstadoComision';
  correlationId: Scalars['ID']['output'];
  en: Scalars['DateTime']['output'];
  estado: EstadoComision;
  /** Why it was rejected. */
  motivo: Maybe<Scalars['String']['output']>;
  /** The subject (sub) of the identity that issued the command (for a calculation, the one that registered the conversion); null when no identity did. */
  por: Maybe<Scalars['String']['output']>;
};

/** A marketing campaign in which affiliates earn a commission on conversions. */
export type Campana = {
  __typename?: 'Campana';
  /** Affiliates assigned to this campaign (who else takes part is marketing's to know). */
  afiliados: Array<Afiliado>;
  creadaEn: Scalars['DateTime']['output'];
  descripcion: Maybe<Scalars['String']['output']>;
  estado: EstadoCampana;
  fechaFin: Scalars['Date']['output'];
  fechaInicio: Scalars['Date']['output'];
  /** Every change of estado, oldest first: to which, when, by whom (the identity's sub) and why. */
  historial: Array<CambioEstadoCampana>;
  id: Scalars['ID']['output'];
  metaConversiones: Scalars['Int']['output'];
  /** The campaign's name; it never changes once the campaign is created. */
  nombre: Scalars['String']['output'];
  /** Commission percentage (0–100) paid on each conversion. */
  porcentajeComision: Scalars['Decimal']['output'];
  /** The campaign's budget: marketing's, not shown to affiliates. */
  presupuesto: Scalars['Decimal']['output'];
  tags: Array<Scalars['String']['output']>;
  tipo: TipoCampana;
};

export type CampanaConnection = {
  __typename?: 'CampanaConnection';
  nodes: Array<Campana>;
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

/** What an affiliate earns on one conversion. At most one per conversion. */
export type Comision = {
  __typename?: 'Comision';
  afiliado: Afiliado;
  aprobadaEn: Maybe<Scalars['DateTime']['output']>;
  calculadaEn: Scalars['DateTime']['output'];
  campana: Campana;
  conversion: Conversion;
  estado: EstadoComision;
  /** Every change of estado, oldest first: to which, when, by whom (the identity's sub) and why. */
  historial: Array<CambioEstadoComision>;
  id: Scalars['ID']['output'];
  moneda: Scalars['String']['output'];
  /** montoBase × porcentaje / 100 */
  monto: Scalars['Decimal']['output'];
  /** The conversion's value the percentage applies to. */
  montoBase: Scalars['Decimal']['output'];
  /** Why the commission was rejected. */
  motivo: Maybe<Scalars['String']['output']>;
  pagadaEn: Maybe<Scalars['DateTime']['output']>;
  porcentaje: Scalars['Decimal']['output'];
};

export type ComisionConnection = {
  __typename?: 'ComisionConnection';
  nodes: Array<Comision>;
  pageInfo: PageInfo;
  /** A COUNT over the whole list: costs 1 in the demand-control estimate. */
  totalCount: Scalars['Int']['output'];
};

export type Conversion = {
  __typename?: 'Conversion';
  /** The commission calculated for this conversion, if any yet. */
  comision: Maybe<Comision>;
  id: Scalars['ID']['output'];
};

export type CrearCampanaInput = {
  afiliadoIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  descripcion?: InputMaybe<Scalars['String']['input']>;
  /** Not before fechaInicio. */
  fechaFin: Scalars['Date']['input'];
  fechaInicio: Scalars['Date']['input'];
  metaConversiones: Scalars['Int']['input'];
  nombre: Scalars['String']['input'];
  /** Between 0 and 100. */
  porcentajeComision: Scalars['Decimal']['input'];
  /** Not negative, at most 2 decimals. */
  presupuesto: Scalars['Decimal']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  tipo: TipoCampana;
};

/** DRAFT → ACTIVE → PAUSED ↔ ACTIVE → COMPLETED */
export type EstadoCampana =
  | 'ACTIVE'
  | 'COMPLETED'
  | 'DRAFT'
  | 'PAUSED';

/** CALCULADA → APROBADA → PAGADA, or RECHAZADA */
export type EstadoComision =
  | 'APROBADA'
  | 'CALCULADA'
  | 'PAGADA'
  | 'RECHAZADA';

/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** DRAFT or PAUSED → ACTIVE */
  activarCampana: ComandoAceptado;
  /** CALCULADA → APROBADA */
  aprobarComision: ComandoAceptado;
  asignarAfiliado: ComandoAceptado;
  /** Queues CrearCampana: the campaign starts in DRAFT. id in the answer is the new campaign's id. */
  crearCampana: ComandoAceptado;
  /** ACTIVE or PAUSED → COMPLETED */
  finalizarCampana: ComandoAceptado;
  /** APROBADA → PAGADA */
  pagarComision: ComandoAceptado;
  /** ACTIVE → PAUSED */
  pausarCampana: ComandoAceptado;
  /** CALCULADA or APROBADA → RECHAZADA, with the reason */
  rechazarComision: ComandoAceptado;
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationActivarCampanaArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationAprobarComisionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationAsignarAfiliadoArgs = {
  afiliadoId: Scalars['ID']['input'];
  campanaId: Scalars['ID']['input'];
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationCrearCampanaArgs = {
  input: CrearCampanaInput;
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationFinalizarCampanaArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationPagarComisionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationPausarCampanaArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationRechazarComisionArgs = {
  id: Scalars['ID']['input'];
  motivo: Scalars['String']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One campaign by id; null when it does not exist (or is not one an affiliate user may see). */
  campana: Maybe<Campana>;
  /** Campaigns in creation order. first is at most 100. An affiliate user sees those it is assigned to or has a commission in. */
  campanas: CampanaConnection;
  /** One commission by id; null when it does not exist (or, for an affiliate user, is not its own). */
  comision: Maybe<Comision>;
  /** Commissions in calculation order. first is at most 100. An affiliate user sees only its own. */
  comisiones: ComisionConnection;
  /** Commissions still to settle: CALCULADA (awaiting approval) and APROBADA (awaiting payment). */
  comisionesPendientes: ComisionConnection;
};


export type QueryCampanaArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCampanasArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  estado?: InputMaybe<EstadoCampana>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryComisionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryComisionesArgs = {
  afiliadoId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  campanaId?: InputMaybe<Scalars['ID']['input']>;
  estado?: InputMaybe<EstadoComision>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryComisionesPendientesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type TipoCampana =
  | 'DIGITAL'
  | 'ESTACIONAL'
  | 'FIDELIZACION'
  | 'PROMOCIONAL';



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
  Campana: Campana;
  Comision: Comision;
  Conversion: Conversion;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Afiliado:
    ( { __typename: 'Afiliado' }
    & GraphQLRecursivePick<FederationTypes['Afiliado'], {"id":true}> );
  Campana:
    ( { __typename: 'Campana' }
    & GraphQLRecursivePick<FederationTypes['Campana'], {"id":true}> );
  Comision:
    ( { __typename: 'Comision' }
    & GraphQLRecursivePick<FederationTypes['Comision'], {"id":true}> );
  Conversion:
    ( { __typename: 'Conversion' }
    & GraphQLRecursivePick<FederationTypes['Conversion'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Afiliado: ResolverTypeWrapper<{ id: string }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CambioEstadoCampana: ResolverTypeWrapper<CampanaHistorialModel>;
  CambioEstadoComision: ResolverTypeWrapper<ComisionHistorialModel>;
  Campana: ResolverTypeWrapper<CampanaModel>;
  CampanaConnection: ResolverTypeWrapper<import('@alpes/platform').Connection<import('./generated/prisma/client.js').Campana>>;
  ComandoAceptado: ResolverTypeWrapper<ComandoAceptadoModel>;
  Comision: ResolverTypeWrapper<ComisionModel>;
  ComisionConnection: ResolverTypeWrapper<import('@alpes/platform').Connection<import('./generated/prisma/client.js').Comision>>;
  Conversion: ResolverTypeWrapper<{ id: string }>;
  CrearCampanaInput: CrearCampanaInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  EstadoCampana: EstadoCampana;
  EstadoComision: EstadoComision;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TipoCampana: TipoCampana;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Afiliado: { id: string };
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  CambioEstadoCampana: CampanaHistorialModel;
  CambioEstadoComision: ComisionHistorialModel;
  Campana: CampanaModel;
  CampanaConnection: import('@alpes/platform').Connection<import('./generated/prisma/client.js').Campana>;
  ComandoAceptado: ComandoAceptadoModel;
  Comision: ComisionModel;
  ComisionConnection: import('@alpes/platform').Connection<import('./generated/prisma/client.js').Comision>;
  Conversion: { id: string };
  CrearCampanaInput: CrearCampanaInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
};

export type AfiliadoResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['Afiliado'] = ResolversParentTypes['Afiliado'], FederationReferenceType extends FederationReferenceTypes['Afiliado'] = FederationReferenceTypes['Afiliado']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Afiliado']> | FederationReferenceType, FederationReferenceType, ContextType>;
  campanas?: Resolver<Array<ResolversTypes['Campana']>, ParentType, ContextType>;
  comisiones?: Resolver<ResolversTypes['ComisionConnection'], ParentType, ContextType, RequireFields<AfiliadoComisionesArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CambioEstadoCampanaResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['CambioEstadoCampana'] = ResolversParentTypes['CambioEstadoCampana']> = {
  correlationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  en?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  estado?: Resolver<ResolversTypes['EstadoCampana'], ParentType, ContextType>;
  motivo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  por?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CambioEstadoComisionResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['CambioEstadoComision'] = ResolversParentTypes['CambioEstadoComision']> = {
  correlationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  en?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  estado?: Resolver<ResolversTypes['EstadoComision'], ParentType, ContextType>;
  motivo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  por?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CampanaResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['Campana'] = ResolversParentTypes['Campana'], FederationReferenceType extends FederationReferenceTypes['Campana'] = FederationReferenceTypes['Campana']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Campana']> | FederationReferenceType, FederationReferenceType, ContextType>;
  afiliados?: Resolver<Array<ResolversTypes['Afiliado']>, ParentType, ContextType>;
  creadaEn?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  descripcion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  estado?: Resolver<ResolversTypes['EstadoCampana'], ParentType, ContextType>;
  fechaFin?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  fechaInicio?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  historial?: Resolver<Array<ResolversTypes['CambioEstadoCampana']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metaConversiones?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nombre?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  porcentajeComision?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  presupuesto?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tipo?: Resolver<ResolversTypes['TipoCampana'], ParentType, ContextType>;
};

export type CampanaConnectionResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['CampanaConnection'] = ResolversParentTypes['CampanaConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Campana']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ComandoAceptadoResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['ComandoAceptado'] = ResolversParentTypes['ComandoAceptado']> = {
  aceptadoEn?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  correlationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ComisionResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['Comision'] = ResolversParentTypes['Comision'], FederationReferenceType extends FederationReferenceTypes['Comision'] = FederationReferenceTypes['Comision']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Comision']> | FederationReferenceType, FederationReferenceType, ContextType>;
  afiliado?: Resolver<ResolversTypes['Afiliado'], ParentType, ContextType>;
  aprobadaEn?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  calculadaEn?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  campana?: Resolver<ResolversTypes['Campana'], ParentType, ContextType>;
  conversion?: Resolver<ResolversTypes['Conversion'], ParentType, ContextType>;
  estado?: Resolver<ResolversTypes['EstadoComision'], ParentType, ContextType>;
  historial?: Resolver<Array<ResolversTypes['CambioEstadoComision']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  moneda?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  monto?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  montoBase?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  motivo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pagadaEn?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  porcentaje?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type ComisionConnectionResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['ComisionConnection'] = ResolversParentTypes['ComisionConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Comision']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConversionResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['Conversion'] = ResolversParentTypes['Conversion'], FederationReferenceType extends FederationReferenceTypes['Conversion'] = FederationReferenceTypes['Conversion']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Conversion']> | FederationReferenceType, FederationReferenceType, ContextType>;
  comision?: Resolver<Maybe<ResolversTypes['Comision']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type MutationResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  activarCampana?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationActivarCampanaArgs, 'id'>>;
  aprobarComision?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationAprobarComisionArgs, 'id'>>;
  asignarAfiliado?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationAsignarAfiliadoArgs, 'afiliadoId' | 'campanaId'>>;
  crearCampana?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationCrearCampanaArgs, 'input'>>;
  finalizarCampana?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationFinalizarCampanaArgs, 'id'>>;
  pagarComision?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationPagarComisionArgs, 'id'>>;
  pausarCampana?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationPausarCampanaArgs, 'id'>>;
  rechazarComision?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationRechazarComisionArgs, 'id' | 'motivo'>>;
};

export type PageInfoResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = MarketingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  campana?: Resolver<Maybe<ResolversTypes['Campana']>, ParentType, ContextType, RequireFields<QueryCampanaArgs, 'id'>>;
  campanas?: Resolver<ResolversTypes['CampanaConnection'], ParentType, ContextType, RequireFields<QueryCampanasArgs, 'first'>>;
  comision?: Resolver<Maybe<ResolversTypes['Comision']>, ParentType, ContextType, RequireFields<QueryComisionArgs, 'id'>>;
  comisiones?: Resolver<ResolversTypes['ComisionConnection'], ParentType, ContextType, RequireFields<QueryComisionesArgs, 'first'>>;
  comisionesPendientes?: Resolver<ResolversTypes['ComisionConnection'], ParentType, ContextType, RequireFields<QueryComisionesPendientesArgs, 'first'>>;
};

export type Resolvers<ContextType = MarketingContext> = {
  Afiliado?: AfiliadoResolvers<ContextType>;
  CambioEstadoCampana?: CambioEstadoCampanaResolvers<ContextType>;
  CambioEstadoComision?: CambioEstadoComisionResolvers<ContextType>;
  Campana?: CampanaResolvers<ContextType>;
  CampanaConnection?: CampanaConnectionResolvers<ContextType>;
  ComandoAceptado?: ComandoAceptadoResolvers<ContextType>;
  Comision?: ComisionResolvers<ContextType>;
  ComisionConnection?: ComisionConnectionResolvers<ContextType>;
  Conversion?: ConversionResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

