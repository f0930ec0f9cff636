// Generated from schema.graphql by `npm run codegen`: do not edit.
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ConversionLeida as ConversionLeidaModel } from './infrastructure/conversiones-per-parent.js';
import type { ComandoAceptado as ComandoAceptadoModel } from '@alpes/service-kit';
import type { ConversionesContext } from './read/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Afiliado = {
  __typename?: 'Afiliado';
  /** This affiliate's conversions, newest last. first is at most 100. */
  conversiones: ConversionConnection;
  id: Scalars['ID']['output'];
};


export type AfiliadoConversionesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Campana = {
  __typename?: 'Campana';
  /** Conversions registered in this campaign (an affiliate user's own only). first is at most 100. */
  conversiones: ConversionConnection;
  id: Scalars['ID']['output'];
  nombre: Scalars['String']['output'];
};


export type CampanaConversionesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A command was queued. Its outcome arrives on the subscription comando(correlationId). */
export type ComandoAceptado = {
  __typename?: 'ComandoAceptado';
  aceptadoEn: Scalars['DateTime']['output'];
  correlationId: Scalars['ID']['output'];
  /** The id the new or affected entity has. */
  id: Scalars['ID']['output'];
};

/** A sale, lead or click attributed to an affiliate in a campaign. */
export type Conversion = {
  __typename?: 'Conversion';
  afiliado: Afiliado;
  campana: Campana;
  id: Scalars['ID']['output'];
  metadata: Scalars['JSON']['output'];
  /** ISO 4217 currency code. */
  moneda: Scalars['String']['output'];
  registradaEn: Scalars['DateTime']['output'];
  tipo: TipoConversion;
  valor: Scalars['Decimal']['output'];
};

export type ConversionConnection = {
  __typename?: 'ConversionConnection';
  nodes: Array<Conversion>;
  pageInfo: PageInfo;
  /** A COUNT over the whole list: costs 1 in the demand-control estimate. */
  totalCount: Scalars['Int']['output'];
};

export type MetricaPorCampana = {
  __typename?: 'MetricaPorCampana';
  campana: Campana;
  conversiones: Scalars['Int']['output'];
  porMoneda: Array<TotalPorMoneda>;
};

export type MetricasConversiones = {
  __typename?: 'MetricasConversiones';
  porCampana: Array<MetricaPorCampana>;
  porMoneda: Array<TotalPorMoneda>;
  totalConversiones: Scalars['Int']['output'];
};

/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Queues RegistrarConversion: registered now. id in the answer is the new conversion's id. */
  registrarConversion: ComandoAceptado;
};


/**
 * Mutations queue a command and answer at once with its correlation id; the outcome arrives on the gateway's
 * subscription comando(correlationId). Invalid input is rejected with BAD_USER_INPUT and nothing is queued.
 * Every field says who may use it (@requiresScopes): the gateway answers the others null with FORBIDDEN.
 */
export type MutationRegistrarConversionArgs = {
  input: RegistrarConversionInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One conversion by id; null when it does not exist (or, for an affiliate user, is not its own). */
  conversion: Maybe<Conversion>;
  /** Conversions in registration order, optionally filtered. first is at most 100; hasta must not be before desde. An affiliate user sees only its own. */
  conversiones: ConversionConnection;
  /** Counts and sums per currency and per campaign over a period (an affiliate user's own conversions only). */
  metricasConversiones: MetricasConversiones;
};


export type QueryConversionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryConversionesArgs = {
  afiliadoId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  campanaId?: InputMaybe<Scalars['ID']['input']>;
  desde?: InputMaybe<Scalars['DateTime']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  hasta?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryMetricasConversionesArgs = {
  afiliadoId?: InputMaybe<Scalars['ID']['input']>;
  desde?: InputMaybe<Scalars['DateTime']['input']>;
  hasta?: InputMaybe<Scalars['DateTime']['input']>;
};

export type RegistrarConversionInput = {
  afiliadoId: Scalars['ID']['input'];
  campanaId: Scalars['ID']['input'];
  /** A JSON object of at most 8 KB serialised; absent means {}. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** ISO 4217 currency code, e.g. USD or COP. */
  moneda: Scalars['String']['input'];
  tipo: TipoConversion;
  /** Greater than 0, at most 2 decimals. */
  valor: Scalars['Decimal']['input'];
};

export type TipoConversion =
  | 'CLIC'
  | 'LEAD'
  | 'VENTA';

export type TotalPorMoneda = {
  __typename?: 'TotalPorMoneda';
  conversiones: Scalars['Int']['output'];
  moneda: Scalars['String']['output'];
  valorTotal: Scalars['Decimal']['output'];
};



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
  Campana: ResolverTypeWrapper<{ id: string; nombre?: string | null }>;
  ComandoAceptado: ResolverTypeWrapper<ComandoAceptadoModel>;
  Conversion: ResolverTypeWrapper<ConversionLeidaModel>;
  ConversionConnection: ResolverTypeWrapper<import('@alpes/platform').Connection<import('./infrastructure/conversiones-per-parent.js').ConversionLeida>>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  MetricaPorCampana: ResolverTypeWrapper<Omit<MetricaPorCampana, 'campana'> & { campana: ResolversTypes['Campana'] }>;
  MetricasConversiones: ResolverTypeWrapper<Omit<MetricasConversiones, 'porCampana'> & { porCampana: Array<ResolversTypes['MetricaPorCampana']> }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegistrarConversionInput: RegistrarConversionInput;
  TipoConversion: TipoConversion;
  TotalPorMoneda: ResolverTypeWrapper<TotalPorMoneda>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Afiliado: { id: string };
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  Campana: { id: string; nombre?: string | null };
  ComandoAceptado: ComandoAceptadoModel;
  Conversion: ConversionLeidaModel;
  ConversionConnection: import('@alpes/platform').Connection<import('./infrastructure/conversiones-per-parent.js').ConversionLeida>;
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  JSON: Scalars['JSON']['output'];
  MetricaPorCampana: Omit<MetricaPorCampana, 'campana'> & { campana: ResolversParentTypes['Campana'] };
  MetricasConversiones: Omit<MetricasConversiones, 'porCampana'> & { porCampana: Array<ResolversParentTypes['MetricaPorCampana']> };
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  RegistrarConversionInput: RegistrarConversionInput;
  TotalPorMoneda: TotalPorMoneda;
};

export type AfiliadoResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['Afiliado'] = ResolversParentTypes['Afiliado'], FederationReferenceType extends FederationReferenceTypes['Afiliado'] = FederationReferenceTypes['Afiliado']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Afiliado']> | FederationReferenceType, FederationReferenceType, ContextType>;
  conversiones?: Resolver<ResolversTypes['ConversionConnection'], ParentType, ContextType, RequireFields<AfiliadoConversionesArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CampanaResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['Campana'] = ResolversParentTypes['Campana'], FederationReferenceType extends FederationReferenceTypes['Campana'] = FederationReferenceTypes['Campana']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Campana']> | FederationReferenceType, FederationReferenceType, ContextType>;
  conversiones?: Resolver<ResolversTypes['ConversionConnection'], ParentType, ContextType, RequireFields<CampanaConversionesArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nombre?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ComandoAceptadoResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['ComandoAceptado'] = ResolversParentTypes['ComandoAceptado']> = {
  aceptadoEn?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  correlationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ConversionResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['Conversion'] = ResolversParentTypes['Conversion'], FederationReferenceType extends FederationReferenceTypes['Conversion'] = FederationReferenceTypes['Conversion']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Conversion']> | FederationReferenceType, FederationReferenceType, ContextType>;
  afiliado?: Resolver<ResolversTypes['Afiliado'], ParentType, ContextType>;
  campana?: Resolver<ResolversTypes['Campana'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  moneda?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registradaEn?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  tipo?: Resolver<ResolversTypes['TipoConversion'], ParentType, ContextType>;
  valor?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type ConversionConnectionResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['ConversionConnection'] = ResolversParentTypes['ConversionConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Conversion']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MetricaPorCampanaResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['MetricaPorCampana'] = ResolversParentTypes['MetricaPorCampana']> = {
  campana?: Resolver<ResolversTypes['Campana'], ParentType, ContextType>;
  conversiones?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  porMoneda?: Resolver<Array<ResolversTypes['TotalPorMoneda']>, ParentType, ContextType>;
};

export type MetricasConversionesResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['MetricasConversiones'] = ResolversParentTypes['MetricasConversiones']> = {
  porCampana?: Resolver<Array<ResolversTypes['MetricaPorCampana']>, ParentType, ContextType>;
  porMoneda?: Resolver<Array<ResolversTypes['TotalPorMoneda']>, ParentType, ContextType>;
  totalConversiones?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  registrarConversion?: Resolver<ResolversTypes['ComandoAceptado'], ParentType, ContextType, RequireFields<MutationRegistrarConversionArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  conversion?: Resolver<Maybe<ResolversTypes['Conversion']>, ParentType, ContextType, RequireFields<QueryConversionArgs, 'id'>>;
  conversiones?: Resolver<ResolversTypes['ConversionConnection'], ParentType, ContextType, RequireFields<QueryConversionesArgs, 'first'>>;
  metricasConversiones?: Resolver<ResolversTypes['MetricasConversiones'], ParentType, ContextType, Partial<QueryMetricasConversionesArgs>>;
};

export type TotalPorMonedaResolvers<ContextType = ConversionesContext, ParentType extends ResolversParentTypes['TotalPorMoneda'] = ResolversParentTypes['TotalPorMoneda']> = {
  conversiones?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  moneda?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  valorTotal?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ConversionesContext> = {
  Afiliado?: AfiliadoResolvers<ContextType>;
  Campana?: CampanaResolvers<ContextType>;
  ComandoAceptado?: ComandoAceptadoResolvers<ContextType>;
  Conversion?: ConversionResolvers<ContextType>;
  ConversionConnection?: ConversionConnectionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  MetricaPorCampana?: MetricaPorCampanaResolvers<ContextType>;
  MetricasConversiones?: MetricasConversionesResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  TotalPorMoneda?: TotalPorMonedaResolvers<ContextType>;
};

